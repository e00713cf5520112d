import {
  PipelineRun,
  TaskRun,
  TaskStep,
} from '@slipway/plugin-delivery-common';
import { SeededRandom } from './random';

const BODIES: Record<
  string,
  (rng: SeededRandom, run: PipelineRun) => string[]
> = {
  clone: (_, run) => [
    `+ git clone ${
      run.git.repository ?? 'https://github.com/example/app'
    } /workspace/source`,
    `Cloning into '/workspace/source'...`,
    `+ git checkout ${run.git.revision ?? 'HEAD'}`,
    `HEAD is now at ${(run.git.revision ?? '0000000').slice(0, 7)} ${
      run.git.branch === 'main' ? 'Merge pull request' : 'WIP'
    }`,
  ],
  install: rng => [
    '+ npm ci',
    `added ${rng.int(600, 1400)} packages in ${rng.int(12, 40)}s`,
  ],
  lint: rng => [
    '+ npm run lint',
    `✔ ${rng.int(120, 400)} files checked, 0 problems`,
  ],
  test: rng => {
    const suites = rng.int(20, 60);
    return [
      '+ npm test -- --ci',
      ...Array.from({ length: 6 }, (_, i) => `PASS src/module${i}.test.ts`),
      `Test Suites: ${suites} passed, ${suites} total`,
    ];
  },
  build: (_, run) => [
    `+ buildah bud -t ${run.name}`,
    'STEP 1/8: FROM registry.access.redhat.com/ubi9/nodejs-20',
    'STEP 8/8: CMD ["node", "dist/index.js"]',
    'COMMIT',
  ],
  push: rng => [
    '+ buildah push',
    `Writing manifest to image destination`,
    `sha256:${rng.hex(64)}`,
  ],
  scan: rng => [
    '+ trivy image --format sarif',
    `Detected OS: alpine 3.20`,
    `Total: ${rng.int(0, 12)} (CRITICAL: 0, HIGH: ${rng.int(0, 3)})`,
  ],
  train: rng => [
    '+ python train.py --epochs 20',
    ...Array.from(
      { length: 5 },
      (_, i) =>
        `epoch ${(i + 1) * 4}/20 loss=${(0.6 / (i + 1)).toFixed(3)} val_acc=${(
          0.8 +
          i * 0.03 +
          rng.next() * 0.01
        ).toFixed(3)}`,
    ),
  ],
  evaluate: rng => [
    '+ python evaluate.py',
    `accuracy=${(0.9 + rng.next() * 0.07).toFixed(4)}`,
  ],
  apply: (_, run) => [
    `+ kubectl apply -k overlays/${run.environment ?? 'dev'}`,
    'deployment.apps/app configured',
    'service/app unchanged',
  ],
  'rollout-status': () => [
    '+ kubectl rollout status deployment/app --timeout=5m',
    'deployment "app" successfully rolled out',
  ],
  probe: rng => [
    '+ curl -fsS https://app.internal/healthz',
    `{"status":"ok","uptime":${rng.int(5, 90)}}`,
  ],
  wait: () => [
    'Waiting for approval from group:default/release-managers ...',
    'Approved by user:default/bruno',
  ],
};

/**
 * Plausible, deterministic log text for a demo step: what the step would print, then an error
 * and exit code when the step failed.
 */
export function demoStepLog(
  run: PipelineRun,
  task: TaskRun,
  step: TaskStep,
): string {
  const rng = new SeededRandom(`${task.name}/${step.name}`);
  const body = (BODIES[step.name] ?? (() => [`+ ./${step.name}.sh`]))(rng, run);
  const lines = step.status === 'pending' ? [] : [...body];
  if (step.status === 'failed') {
    lines.push(
      `ERROR: ${task.pipelineTaskName} failed`,
      `Process exited with code ${step.exitCode ?? 1}`,
    );
  } else if (step.status === 'running') {
    lines.push('...');
  }
  return lines.map(line => `${line}\n`).join('');
}
