import { IMAGES } from './images';
import { deploymentLabels } from './labels';
import { resolveModelStep } from './mlTasks';
import { SLIPWAY_PARAMS, SLIPWAY_TASKS, slipwayTaskRef } from './slipwayTasks';
import { COMMIT, IMAGE_BY_DIGEST } from './sourceTasks';
import {
  EnvironmentOptions,
  GenerateOptions,
  NameValue,
  PipelineTask,
  Step,
  TaskSpec,
} from './types';

/** The directory of an environment's deploy manifests in the repository. */
export function deployDir(env: EnvironmentOptions): string {
  return `deploy/${env.name}`;
}

/**
 * Where a deploy task finds the manifests: `workspace` in the delivery pipeline (the clone
 * task's checkout, values from earlier tasks), `clone` in the deploy pipeline (it checks
 * `revision` out into a volume of its own, values from the pipeline's params).
 */
export type DeploySource = 'workspace' | 'clone';

/** Mount point of the deploy pipeline's own checkout. */
const CHECKOUT = '/checkout';
const CHECKOUT_MOUNT = [{ name: 'checkout', mountPath: CHECKOUT }];

/** Results every deploy task reports: what it deployed. */
export const DEPLOYMENT_RESULTS = ['revision', 'version', 'image'] as const;

function registered(options: GenerateOptions): boolean {
  return options.kind === 'ml' && options.ml.stages.includes('register');
}

/** The task's params and the values the pipeline passes, per source. */
function deployParams(
  options: GenerateOptions,
  env: EnvironmentOptions,
  source: DeploySource,
): NameValue[] {
  const fromRun = source === 'clone';
  return [
    { name: 'namespace', value: env.namespace },
    { name: 'revision', value: fromRun ? '$(params.revision)' : COMMIT },
    { name: 'version', value: fromRun ? '$(params.version)' : COMMIT },
    { name: 'image', value: fromRun ? '$(params.image)' : IMAGE_BY_DIGEST },
    ...(fromRun
      ? [
          { name: 'git-url', value: '$(params.git-url)' },
          { name: 'image-repository', value: '$(params.image-repository)' },
        ]
      : []),
    ...(fromRun && env.canary
      ? [{ name: 'skip-canary', value: '$(params.skip-canary)' }]
      : []),
    ...(registered(options)
      ? [
          {
            name: 'model-uri',
            value: fromRun
              ? '$(params.model-uri)'
              : '$(tasks.register.results.model-uri)',
          },
        ]
      : []),
    ...(fromRun && registered(options)
      ? [
          {
            name: 'mlflow-tracking-uri',
            value: '$(params.mlflow-tracking-uri)',
          },
        ]
      : []),
  ];
}

/** `MODEL_URI` → the env name a param is passed to the steps under. */
function envName(param: string): string {
  return param.toUpperCase().replace(/-/g, '_');
}

/** Lines every kubectl step starts with: defaults for what the deploy pipeline may leave empty. */
function prelude(
  options: GenerateOptions,
  env: EnvironmentOptions,
  source: DeploySource,
): string[] {
  const dir =
    source === 'clone'
      ? `${CHECKOUT}/${deployDir(env)}`
      : `$(workspaces.source.path)/${deployDir(env)}`;
  return [
    '#!/bin/sh',
    'set -eu',
    ...(source === 'clone'
      ? ['IMAGE="${IMAGE:-$IMAGE_REPOSITORY:$REVISION}"']
      : []),
    'VERSION="${VERSION:-$REVISION}"',
    ...(source === 'clone' && registered(options)
      ? ['MODEL_URI="$(cat "$(results.model-uri.path)")"']
      : []),
    `cd "${dir}"`,
  ];
}

/** Writes what was deployed as the task's results (the last step, so only on success). */
function recordLines(options: GenerateOptions): string[] {
  return [
    'printf "%s" "$REVISION" > "$(results.revision.path)"',
    'printf "%s" "$VERSION" > "$(results.version.path)"',
    'printf "%s" "$IMAGE" > "$(results.image.path)"',
    ...(registered(options)
      ? ['printf "%s" "$MODEL_URI" > "$(results.model-uri.path)"']
      : []),
  ];
}

/**
 * Shell helpers of the KServe steps: `share` prints the percentage of the traffic the newest
 * ready revision gets (from `status.components.predictor.traffic[]`, which is what KServe
 * routes by, whatever the revision fields say); `wait_share N` waits up to 15 minutes for the
 * InferenceService to be Ready with that revision at N %.
 */
function kserveHelpers(options: GenerateOptions): string[] {
  return [
    `ISVC=inferenceservice/${options.name}`,
    'field() { kubectl get -n "$NAMESPACE" "$ISVC" -o jsonpath="$1"; }',
    'share() {',
    "  _newest=$(field '{.status.components.predictor.latestReadyRevision}')",
    '  field \'{range .status.components.predictor.traffic[*]}{.revisionName} {.percent}{"\\n"}{end}\' |',
    '    awk -v r="$_newest" \'$1 == r { s += $2 } END { print s + 0 }\'',
    '}',
    'wait_share() {',
    '  for _ in $(seq 1 90); do',
    '    ready=$(field \'{.status.conditions[?(@.type=="Ready")].status}\')',
    '    if [ "$ready" = True ] && [ "$(share)" = "$1" ]; then return 0; fi',
    '    sleep 10',
    '  done',
    '  echo "The newest revision did not get $1 % of the traffic within 15 minutes" >&2',
    '  return 1',
    '}',
  ];
}

function serviceApply(options: GenerateOptions): string[] {
  return [
    "yq -i '.spec.template.spec.containers[0].image = strenv(IMAGE)' deployment.yaml",
    'kubectl apply -n "$NAMESPACE" -f deployment.yaml -f service.yaml',
    `kubectl rollout status -n "$NAMESPACE" --timeout=10m deployment/${options.name}`,
  ];
}

function modelApply(
  options: GenerateOptions,
  env: EnvironmentOptions,
): string[] {
  const lines = [
    "yq -i '.spec.predictor.containers[0].image = strenv(IMAGE)' inferenceservice.yaml",
  ];
  if (registered(options)) {
    lines.push(
      'if [ -n "$MODEL_URI" ]; then',
      '  yq -i \'(.spec.predictor.containers[0].env[] | select(.name == "STORAGE_URI")).value = strenv(MODEL_URI)\' inferenceservice.yaml',
      'fi',
    );
  }
  if (!env.canary) {
    return [
      ...lines,
      'kubectl apply -n "$NAMESPACE" -f inferenceservice.yaml',
      `kubectl wait -n "$NAMESPACE" --for=condition=Ready --timeout=15m inferenceservice/${options.name}`,
    ];
  }
  return [
    ...kserveHelpers(options),
    ...lines,
    // a canary needs a model already serving; the first deployment takes all the traffic
    'if [ "$SKIP_CANARY" != true ] && kubectl get -n "$NAMESPACE" "$ISVC" >/dev/null 2>&1; then',
    "  yq -i '.spec.predictor.canaryTrafficPercent = env(CANARY_PERCENT)' inferenceservice.yaml",
    '  printf true > "$(results.canary.path)"',
    '  kubectl apply -n "$NAMESPACE" -f inferenceservice.yaml',
    '  wait_share "$CANARY_PERCENT"',
    '  echo "Canary: the new model serves $CANARY_PERCENT % of the traffic"',
    'else',
    '  printf false > "$(results.canary.path)"',
    '  kubectl apply -n "$NAMESPACE" -f inferenceservice.yaml',
    '  kubectl wait -n "$NAMESPACE" --for=condition=Ready --timeout=15m "$ISVC"',
    'fi',
  ];
}

/**
 * The canary check: for `SOAK_SECONDS` the InferenceService stays Ready, the new revision keeps
 * its share and its containers do not restart; otherwise all traffic goes back to the previous
 * revision (`canaryTrafficPercent: 0`) and the task fails.
 */
function canaryCheck(options: GenerateOptions): string[] {
  return [
    'if [ "$(cat "$(results.canary.path)")" != true ]; then',
    '  echo "No canary (first deployment or skipped): nothing to check"',
    '  exit 0',
    'fi',
    ...kserveHelpers(options),
    'rollback() {',
    '  echo "Canary check failed: $1. All traffic goes back to the previous model." >&2',
    '  kubectl patch -n "$NAMESPACE" "$ISVC" --type merge -p \'{"spec":{"predictor":{"canaryTrafficPercent":0}}}\'',
    '  exit 1',
    '}',
    "newest=$(field '{.status.components.predictor.latestReadyRevision}')",
    'end=$(( $(date +%s) + SOAK_SECONDS ))',
    'while :; do',
    '  [ "$(field \'{.status.conditions[?(@.type=="Ready")].status}\')" = True ] || rollback "the InferenceService is not Ready"',
    '  [ "$(field \'{.status.components.predictor.latestReadyRevision}\')" = "$newest" ] || rollback "revision $newest is no longer the newest ready one"',
    '  [ "$(share)" = "$CANARY_PERCENT" ] || rollback "revision $newest gets $(share) % of the traffic, not $CANARY_PERCENT %"',
    '  restarts=$(kubectl get pods -n "$NAMESPACE" -l "serving.knative.dev/revision=$newest" -o jsonpath=\'{range .items[*]}{range .status.containerStatuses[*]}{.restartCount}{"\\n"}{end}{end}\' | awk \'{ s += $1 } END { print s + 0 }\')',
    '  [ "$restarts" -eq 0 ] || rollback "containers of $newest restarted $restarts times"',
    '  [ "$(date +%s)" -lt "$end" ] || break',
    '  sleep 15',
    'done',
    'echo "Canary $newest healthy at $CANARY_PERCENT % for $SOAK_SECONDS s"',
  ];
}

/** Promotes a checked canary to all the traffic (KServe: remove `canaryTrafficPercent`). */
function canaryPromote(options: GenerateOptions): string[] {
  return [
    'if [ "$(cat "$(results.canary.path)")" = true ]; then',
    ...kserveHelpers(options).map(l => `  ${l}`),
    '  kubectl patch -n "$NAMESPACE" "$ISVC" --type json -p \'[{"op":"remove","path":"/spec/predictor/canaryTrafficPercent"}]\'',
    '  wait_share 100',
    '  echo "Promoted: the new model serves all the traffic"',
    'fi',
  ];
}

/**
 * The deploy task of one environment. Its TaskRun carries the label `slipway.dev/environment:
 * <env>` (`taskSpec.metadata`, which Tekton copies onto the TaskRun) and, once it succeeded, the
 * results `revision`, `version` and `image` (and `model-uri` for a registered model): one
 * deployment to that environment. A service's Deployment is rolled out; a model's
 * InferenceService is applied and, where the environment has a canary and a model is already
 * serving, first gets `canaryTrafficPercent` of the traffic, is checked, then promoted to 100 %.
 */
export function deployTask(
  options: GenerateOptions,
  env: EnvironmentOptions,
  source: DeploySource,
): PipelineTask {
  const params = deployParams(options, env, source);
  const mounts = source === 'clone' ? { volumeMounts: CHECKOUT_MOUNT } : {};
  const kubectlEnv = [
    ...params
      .filter(p => !['git-url', 'mlflow-tracking-uri'].includes(p.name))
      .map(p => ({ name: envName(p.name), value: `$(params.${p.name})` })),
    ...(env.canary
      ? [
          {
            name: 'CANARY_PERCENT',
            value: String(options.ml.canary.trafficPercent),
          },
          {
            name: 'SOAK_SECONDS',
            value: String(options.ml.canary.soakSeconds),
          },
          ...(source === 'clone'
            ? []
            : [{ name: 'SKIP_CANARY', value: 'false' }]),
        ]
      : []),
  ];
  const kubectl = (name: string, lines: string[]): Step => ({
    name,
    image: IMAGES.kubectl,
    ...mounts,
    env: kubectlEnv,
    script: `${[...prelude(options, env, source), ...lines].join('\n')}\n`,
  });
  const steps: Step[] = [];
  if (source === 'clone') {
    steps.push({
      name: 'clone',
      image: IMAGES.git,
      workingDir: CHECKOUT,
      volumeMounts: CHECKOUT_MOUNT,
      env: [
        { name: 'URL', value: '$(params.git-url)' },
        { name: 'REVISION', value: '$(params.revision)' },
      ],
      script: [
        '#!/bin/sh',
        'set -eu',
        'git config --global --add safe.directory "$PWD"',
        'git init -q .',
        'git remote add origin "$URL"',
        'git fetch -q --depth 1 origin "$REVISION"',
        'git checkout -q FETCH_HEAD',
        '',
      ].join('\n'),
    });
    if (registered(options)) {
      steps.push(resolveModelStep(options, CHECKOUT, CHECKOUT_MOUNT));
    }
  }
  if (options.kind === 'ml' && env.canary) {
    steps.push(
      kubectl('apply', modelApply(options, env)),
      kubectl('check-canary', canaryCheck(options)),
      kubectl('promote', [...canaryPromote(options), ...recordLines(options)]),
    );
  } else {
    steps.push(
      kubectl('apply', [
        ...(options.kind === 'ml'
          ? modelApply(options, env)
          : serviceApply(options)),
        ...recordLines(options),
      ]),
    );
  }
  const taskSpec: TaskSpec = {
    metadata: { labels: deploymentLabels(env) },
    params: params.map(p => ({ name: p.name })),
    ...(source === 'workspace'
      ? { workspaces: [{ name: 'source' }] }
      : { volumes: [{ name: 'checkout', emptyDir: {} }] }),
    results: [
      ...DEPLOYMENT_RESULTS.map(name => ({ name })),
      ...(registered(options) ? [{ name: 'model-uri' }] : []),
      ...(env.canary ? [{ name: 'canary' }] : []),
    ],
    steps,
  };
  return {
    name: `deploy-${env.name}`,
    params,
    ...(source === 'workspace'
      ? { workspaces: [{ name: 'source', workspace: 'source' }] }
      : {}),
    taskSpec,
  };
}

/** `approve-<env>`: the slipway-approval-gate Task, waiting for Slipway's verdict. */
function gateTask(
  options: GenerateOptions,
  env: EnvironmentOptions,
  runAfter: string[],
): PipelineTask {
  return {
    name: `approve-${env.name}`,
    runAfter,
    taskRef: slipwayTaskRef(SLIPWAY_TASKS.approvalGate, options),
    params: [
      ...SLIPWAY_PARAMS,
      { name: 'environment', value: env.name },
      { name: 'revision', value: COMMIT },
      { name: 'version', value: COMMIT },
      {
        name: 'image-digest',
        value: '$(tasks.build-image.results.IMAGE_DIGEST)',
      },
      { name: 'commit-authors', value: '$(params.commit-authors)' },
    ],
  };
}

/**
 * The promotion chain: for each environment in order, the approval gate when the environment
 * needs one, then its deployment; the first waits for `after` (the last build or ML stage and
 * the image scan's upload), each later one for the previous environment's deployment.
 */
export function deploymentTasks(
  options: GenerateOptions,
  after: string[],
): PipelineTask[] {
  const tasks: PipelineTask[] = [];
  let previous = after;
  for (const env of options.environments) {
    if (env.approval) {
      tasks.push(gateTask(options, env, previous));
      previous = [`approve-${env.name}`];
    }
    const { name, ...deploy } = deployTask(options, env, 'workspace');
    tasks.push({ name, runAfter: previous, ...deploy });
    previous = [`deploy-${env.name}`];
  }
  return tasks;
}
