import { MLFLOW_CLIENT, pythonImage } from './images';
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

/** Where `register` copies the model when there is no MLflow: `<modelStorageUri>/<commit>`. */
export function fileStoreModelUri(
  options: GenerateOptions,
  revision: string,
): string {
  return `${options.ml.modelStorageUri.replace(/\/$/, '')}/${revision}`;
}

/** The file store: the project's own `training.register` (fsspec) when MLflow is not used. */
const REGISTER_FILE_STORE = `#!/bin/sh
set -eu
if [ -n "$MLFLOW_TRACKING_URI" ]; then
  echo "MLFLOW_TRACKING_URI is set: the model is registered in MLflow (next step)"
  exit 0
fi
python -m training.register --model model --uri "$MODEL_URI"
printf "%s" "$MODEL_URI" > "$(results.model-uri.path)"
printf "%s" "$REVISION" > "$(results.model-version.path)"
`;

/**
 * MLflow: logs the validation metrics and the model directory to a run tagged with the commit
 * and the image, registers it as a new version of the model named after the component, and
 * reports where the version's files are (KServe's storage initializer fetches them from there).
 */
const REGISTER_MLFLOW_PY = `import json, os, pathlib
import mlflow
from mlflow import MlflowClient

name, revision = os.environ["MODEL_NAME"], os.environ["REVISION"]
metrics_file = pathlib.Path("reports/metrics.json")
metrics = json.loads(metrics_file.read_text()) if metrics_file.exists() else {}
mlflow.set_experiment(os.environ.get("MLFLOW_EXPERIMENT_NAME") or name)
tags = {
    "mlflow.source.git.commit": revision,
    "git.commit": revision,
    "image": os.environ["IMAGE"],
    "tekton.dev/pipelineRun": os.environ["PIPELINE_RUN"],
}
with mlflow.start_run(run_name=name + "-" + revision[:12], tags=tags) as run:
    mlflow.log_metrics({k: float(v) for k, v in metrics.items() if isinstance(v, (int, float))})
    mlflow.log_artifacts("model", artifact_path="model")
version = mlflow.register_model(
    "runs:/" + run.info.run_id + "/model", name, tags={"git.commit": revision}
)
uri = MlflowClient().get_model_version_download_uri(name, version.version)
pathlib.Path(os.environ["MODEL_URI_RESULT"]).write_text(uri)
pathlib.Path(os.environ["MODEL_VERSION_RESULT"]).write_text(str(version.version))
print("Registered", name, "version", version.version, "of run", run.info.run_id, "at", uri)
`;

const REGISTER_MLFLOW = `#!/bin/sh
set -eu
if [ -z "$MLFLOW_TRACKING_URI" ]; then
  echo "MLFLOW_TRACKING_URI is not set: the model was registered in the file store"
  exit 0
fi
# unquoted: one word per requirement
pip install --no-cache-dir --quiet --disable-pip-version-check $MLFLOW_CLIENT
exec python3 - <<'PY'
${REGISTER_MLFLOW_PY}PY
`;

/** The MLflow step's environment: tracking URI (param) and credentials (optional Secret). */
function mlflowEnv(options: GenerateOptions) {
  return {
    env: [
      { name: 'MLFLOW_TRACKING_URI', value: '$(params.mlflow-tracking-uri)' },
      { name: 'MLFLOW_CLIENT', value: MLFLOW_CLIENT },
      { name: 'MODEL_NAME', value: options.name },
    ],
    envFrom: [
      { secretRef: { name: options.ml.mlflowSecretName, optional: true } },
    ],
  };
}

/**
 * `register`: in MLflow when the pipeline's `mlflow-tracking-uri` is set (a run with the
 * metrics and the model, registered as a new version of the model `<name>`), else copied to
 * the file store under `<modelStorageUri>/<commit>` by the project's `training.register`.
 * Either way reports `model-uri` (what KServe serves) and `model-version`.
 */
function registerTask(options: GenerateOptions, runAfter: string) {
  const mlflow = mlflowEnv(options);
  return mlTask(
    'register',
    runAfter,
    [
      {
        ...python('file-store', REGISTER_FILE_STORE, [
          {
            name: 'MLFLOW_TRACKING_URI',
            value: '$(params.mlflow-tracking-uri)',
          },
          { name: 'MODEL_URI', value: '$(params.model-uri)' },
          { name: 'REVISION', value: '$(params.revision)' },
        ]),
      },
      {
        name: 'mlflow',
        image: pythonImage(options.runtimeVersion),
        workingDir: IN_SOURCE,
        env: [
          ...mlflow.env,
          { name: 'REVISION', value: '$(params.revision)' },
          { name: 'IMAGE', value: '$(params.image)' },
          { name: 'PIPELINE_RUN', value: '$(context.pipelineRun.name)' },
          { name: 'MODEL_URI_RESULT', value: '$(results.model-uri.path)' },
          {
            name: 'MODEL_VERSION_RESULT',
            value: '$(results.model-version.path)',
          },
        ],
        envFrom: mlflow.envFrom,
        script: REGISTER_MLFLOW,
      },
    ],
    {
      params: [
        { name: 'model-uri', value: fileStoreModelUri(options, COMMIT) },
        { name: 'revision', value: COMMIT },
        { name: 'mlflow-tracking-uri', value: '$(params.mlflow-tracking-uri)' },
      ],
      results: ['model-uri', 'model-version'],
    },
  );
}

/**
 * Finds the registered model of a revision for the deploy pipeline when it is not given: the
 * MLflow model version tagged with the commit, else the file store's `<modelStorageUri>/<commit>`.
 * Writes the URI to `$(results.model-uri.path)`; runs in the plain Python image.
 */
export function resolveModelStep(
  options: GenerateOptions,
  workingDir: string,
  volumeMounts: Step['volumeMounts'],
): Step {
  const mlflow = mlflowEnv(options);
  return {
    name: 'model-uri',
    image: pythonImage(options.runtimeVersion),
    workingDir,
    volumeMounts,
    env: [
      ...mlflow.env,
      { name: 'MODEL_URI', value: '$(params.model-uri)' },
      { name: 'REVISION', value: '$(params.revision)' },
      {
        name: 'FILE_STORE_URI',
        value: fileStoreModelUri(options, '$(params.revision)'),
      },
      { name: 'RESULT', value: '$(results.model-uri.path)' },
    ],
    envFrom: mlflow.envFrom,
    script: `#!/bin/sh
set -eu
if [ -n "$MODEL_URI" ]; then
  printf "%s" "$MODEL_URI" > "$RESULT"
elif [ -z "$MLFLOW_TRACKING_URI" ]; then
  printf "%s" "$FILE_STORE_URI" > "$RESULT"
else
  # unquoted: one word per requirement
  pip install --no-cache-dir --quiet --disable-pip-version-check $MLFLOW_CLIENT
  python3 - <<'PY'
import os, pathlib, sys
from mlflow import MlflowClient

client, name, revision = MlflowClient(), os.environ["MODEL_NAME"], os.environ["REVISION"]
found = [v for v in client.search_model_versions("name='" + name + "'") if v.tags.get("git.commit") == revision]
if not found:
    sys.exit("No version of model " + name + " in MLflow is tagged git.commit=" + revision)
version = max(found, key=lambda v: int(v.version))
uri = client.get_model_version_download_uri(name, version.version)
pathlib.Path(os.environ["RESULT"]).write_text(uri)
print("Model", name, "version", version.version, "of", revision, "is at", uri)
PY
fi
echo "Deploying the model at $(cat "$RESULT")"
`,
  };
}

/**
 * The ML stages, in order: `train` writes the model to `model/`; `validate` evaluates it into
 * `reports/metrics.json`, publishes the promotion metric as a task result (Slipway's metric gate
 * reads it) and fails below the threshold; `register` registers the model (MLflow or the file
 * store, see `registerTask`) and reports `model-uri`. Returns the tasks; the last one is what
 * deployments run after.
 */
export function mlTasks(options: GenerateOptions): PipelineTask[] {
  const { stages, metric } = options.ml;
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
  if (stages.includes('register')) add(registerTask(options, previous));
  return tasks;
}

/**
 * The ML results of a run, as Pipeline results (Slipway's metric gate reads a run's results
 * before its tasks'): the promotion metric, and the registered model's URI and version.
 */
export function mlPipelineResults(
  options: GenerateOptions,
): Array<{ name: string; description: string; value: string }> {
  const { stages, metric } = options.ml;
  return [
    ...(stages.includes('validate')
      ? [
          {
            name: metric.name,
            description: `The promotion metric (${metric.name} ${metric.operator} ${metric.threshold})`,
            value: `$(tasks.validate.results.${metric.name})`,
          },
        ]
      : []),
    ...(stages.includes('register')
      ? [
          {
            name: 'model-uri',
            description: 'Where the registered model is',
            value: '$(tasks.register.results.model-uri)',
          },
          {
            name: 'model-version',
            description: 'The registered model version (MLflow) or commit',
            value: '$(tasks.register.results.model-version)',
          },
        ]
      : []),
  ];
}
