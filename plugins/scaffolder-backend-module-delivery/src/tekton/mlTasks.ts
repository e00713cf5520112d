import { COMMIT } from './sourceTasks';
import { GenerateOptions, PipelineTask, Step } from './types';

/** The image `build-image` pushed, by digest: the ML stages run in it. */
export const BUILT_IMAGE =
  '$(tasks.build-image.results.IMAGE_URL)@$(tasks.build-image.results.IMAGE_DIGEST)';

const IN_SOURCE = '$(workspaces.source.path)';

function mlTask(
  name: string,
  runAfter: string,
  steps: Step[],
  extra: {
    params?: Array<{ name: string; value: string }>;
    results?: string[];
  } = {},
): PipelineTask {
  return {
    name,
    runAfter: [runAfter],
    params: [{ name: 'image', value: BUILT_IMAGE }, ...(extra.params ?? [])],
    workspaces: [{ name: 'source', workspace: 'source' }],
    taskSpec: {
      params: [
        { name: 'image' },
        ...(extra.params ?? []).map(p => ({ name: p.name })),
      ],
      workspaces: [{ name: 'source' }],
      ...(extra.results
        ? { results: extra.results.map(r => ({ name: r })) }
        : {}),
      steps,
    },
  };
}

/** A Python step in the built image, in the source workspace. */
function python(name: string, script: string, env?: Step['env']): Step {
  return { name, image: '$(params.image)', workingDir: IN_SOURCE, env, script };
}

/** Checks the metric file the project's validation wrote and publishes the metric as a result. */
const CHECK_METRIC = `#!/usr/bin/env python3
import json, operator, os, sys
ops = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "==": operator.eq}
name, op, threshold = os.environ["METRIC"], os.environ["OPERATOR"], float(os.environ["THRESHOLD"])
with open("reports/metrics.json") as f:
    value = float(json.load(f)[name])
with open(os.environ["RESULT_PATH"], "w") as f:
    f.write(str(value))
print(f"{name} = {value} (needs {op} {threshold})")
sys.exit(0 if ops[op](value, threshold) else 1)
`;

/**
 * The ML stages, in order: `train` writes the model to `model/`; `validate` evaluates it into
 * `reports/metrics.json`, publishes the promotion metric as a task result (Slipway's metric gate
 * reads it) and fails below the threshold; `register` uploads the model under
 * `<modelStorageUri>/<commit>` and reports `model-uri`. Returns the tasks; the last one is what
 * deployments run after.
 */
export function mlTasks(options: GenerateOptions): PipelineTask[] {
  const { stages, metric, modelStorageUri } = options.ml;
  const tasks: PipelineTask[] = [];
  let previous = 'build-image';
  const add = (task: PipelineTask) => {
    tasks.push(task);
    previous = task.name;
  };
  if (stages.includes('train')) {
    add(
      mlTask('train', previous, [
        python('train', 'python -m training.train --output model\n'),
      ]),
    );
  }
  if (stages.includes('validate')) {
    add(
      mlTask(
        'validate',
        previous,
        [
          python(
            'evaluate',
            'python -m training.validate --model model --metrics reports/metrics.json\n',
          ),
          python('check-metric', CHECK_METRIC, [
            { name: 'METRIC', value: metric.name },
            { name: 'OPERATOR', value: metric.operator },
            { name: 'THRESHOLD', value: String(metric.threshold) },
            { name: 'RESULT_PATH', value: `$(results.${metric.name}.path)` },
          ]),
        ],
        { results: [metric.name] },
      ),
    );
  }
  if (stages.includes('register')) {
    add(
      mlTask(
        'register',
        previous,
        [
          python(
            'register',
            'python -m training.register --model model --uri "$MODEL_URI"\nprintf "%s" "$MODEL_URI" > "$(results.model-uri.path)"\n',
            [{ name: 'MODEL_URI', value: '$(params.model-uri)' }],
          ),
        ],
        {
          params: [
            {
              name: 'model-uri',
              value: `${modelStorageUri.replace(/\/$/, '')}/${COMMIT}`,
            },
          ],
          results: ['model-uri'],
        },
      ),
    );
  }
  return tasks;
}
