import {
  RunStatus,
  RunValue,
  TaskRun,
  TaskStep,
} from '@slipway/plugin-delivery-common';
import { SeededRandom } from './random';

/** The steps (containers) each demo task runs. */
const STEPS: Record<string, string[]> = {
  'fetch-source': ['clone'],
  lint: ['install', 'lint'],
  'unit-tests': ['install', 'test'],
  'build-image': ['build', 'push'],
  'scan-image': ['scan', 'upload-report'],
  'report-status': ['notify'],
  'fetch-dataset': ['download', 'validate-schema'],
  'train-model': ['train'],
  'evaluate-model': ['evaluate'],
  'build-serving-image': ['build', 'push'],
  'fetch-manifests': ['clone'],
  'wait-for-approval': ['wait'],
  deploy: ['apply', 'rollout-status'],
  'smoke-test': ['probe'],
};

function stepStatus(task: RunStatus, index: number, count: number): RunStatus {
  if (task === 'succeeded') return 'succeeded';
  if (task === 'pending') return 'pending';
  if (task === 'running') return index === 0 ? 'running' : 'pending';
  if (index < count - 1) return 'succeeded';
  return task;
}

function results(
  task: TaskRun,
  image: string,
  rng: SeededRandom,
): RunValue[] | undefined {
  if (task.status !== 'succeeded') return undefined;
  switch (task.pipelineTaskName) {
    case 'build-image':
    case 'build-serving-image':
      return [
        { name: 'IMAGE_URL', value: image },
        { name: 'IMAGE_DIGEST', value: `sha256:${rng.hex(64)}` },
      ];
    case 'evaluate-model':
      return [
        { name: 'accuracy', value: (0.9 + rng.next() * 0.07).toFixed(4) },
        { name: 'f1', value: (0.82 + rng.next() * 0.1).toFixed(4) },
      ];
    case 'unit-tests':
      return [{ name: 'tests-passed', value: String(rng.int(180, 420)) }];
    default:
      return undefined;
  }
}

/**
 * Gives a demo task its pod, steps (times split evenly, the last step carrying a failure) and
 * results (image URL/digest for builds, metrics for model evaluation).
 */
export function withStepsAndResults(task: TaskRun, image: string): TaskRun {
  const rng = new SeededRandom(task.name);
  const names = STEPS[task.pipelineTaskName] ?? ['run'];
  const start = task.startedAt ? Date.parse(task.startedAt) : undefined;
  const end = task.completedAt ? Date.parse(task.completedAt) : undefined;
  const slice =
    start !== undefined && end !== undefined ? (end - start) / names.length : 0;
  const steps: TaskStep[] = names.map((name, i) => {
    const status = stepStatus(task.status, i, names.length);
    const finished = status !== 'running' && status !== 'pending';
    return {
      name,
      container: `step-${name}`,
      status,
      exitCode: finished ? Number(status !== 'succeeded') : undefined,
      startedAt:
        start !== undefined && status !== 'pending'
          ? new Date(start + slice * i).toISOString()
          : undefined,
      completedAt:
        finished && start !== undefined
          ? new Date(start + slice * (i + 1)).toISOString()
          : undefined,
    };
  });
  return {
    ...task,
    podName: `${task.name}-pod`,
    steps,
    results: results(task, image, rng),
  };
}
