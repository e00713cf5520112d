import { IMAGES } from './images';
import { SLIPWAY_PARAMS, SLIPWAY_TASKS, slipwayTaskRef } from './slipwayTasks';
import { COMMIT } from './sourceTasks';
import { EnvironmentOptions, GenerateOptions, PipelineTask } from './types';

const IMAGE_BY_DIGEST =
  '$(params.image-repository)@$(tasks.build-image.results.IMAGE_DIGEST)';

/** The directory of an environment's deploy manifests in the repository. */
export function deployDir(env: EnvironmentOptions): string {
  return `deploy/${env.name}`;
}

function deployScript(options: GenerateOptions, env: EnvironmentOptions) {
  const lines = [
    '#!/bin/sh',
    'set -eu',
    `cd "$(workspaces.source.path)/${deployDir(env)}"`,
  ];
  if (options.kind === 'ml') {
    lines.push(
      "yq -i '.spec.predictor.containers[0].image = strenv(IMAGE)' inferenceservice.yaml",
      'if [ -n "$MODEL_URI" ]; then',
      '  yq -i \'(.spec.predictor.containers[0].env[] | select(.name == "STORAGE_URI")).value = strenv(MODEL_URI)\' inferenceservice.yaml',
      'fi',
      'kubectl apply -n "$NAMESPACE" -f inferenceservice.yaml',
      `kubectl wait -n "$NAMESPACE" --for=condition=Ready --timeout=15m inferenceservice/${options.name}`,
    );
  } else {
    lines.push(
      "yq -i '.spec.template.spec.containers[0].image = strenv(IMAGE)' deployment.yaml",
      'kubectl apply -n "$NAMESPACE" -f deployment.yaml -f service.yaml',
      `kubectl rollout status -n "$NAMESPACE" --timeout=10m deployment/${options.name}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** `deploy-<env>`: applies the environment's manifests with the image built by this run. */
function deployTask(
  options: GenerateOptions,
  env: EnvironmentOptions,
  runAfter: string,
): PipelineTask {
  const registered =
    options.kind === 'ml' && options.ml.stages.includes('register');
  const params = [
    { name: 'namespace', value: env.namespace },
    { name: 'image', value: IMAGE_BY_DIGEST },
    ...(options.kind === 'ml'
      ? [
          {
            name: 'model-uri',
            value: registered ? '$(tasks.register.results.model-uri)' : '',
          },
        ]
      : []),
  ];
  return {
    name: `deploy-${env.name}`,
    runAfter: [runAfter],
    params,
    workspaces: [{ name: 'source', workspace: 'source' }],
    taskSpec: {
      params: params.map(p => ({ name: p.name })),
      workspaces: [{ name: 'source' }],
      steps: [
        {
          name: 'apply',
          image: IMAGES.kubectl,
          env: params.map(p => ({
            name: p.name.toUpperCase().replace(/-/g, '_'),
            value: `$(params.${p.name})`,
          })),
          script: deployScript(options, env),
        },
      ],
    },
  };
}

/** `approve-<env>`: the slipway-approval-gate Task, waiting for Slipway's verdict. */
function gateTask(
  options: GenerateOptions,
  env: EnvironmentOptions,
  runAfter: string,
): PipelineTask {
  return {
    name: `approve-${env.name}`,
    runAfter: [runAfter],
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
 * needs one, then its deployment; each waits for the previous environment's deployment.
 */
export function deploymentTasks(
  options: GenerateOptions,
  after: string,
): PipelineTask[] {
  const tasks: PipelineTask[] = [];
  let previous = after;
  for (const env of options.environments) {
    if (env.approval) {
      tasks.push(gateTask(options, env, previous));
      previous = `approve-${env.name}`;
    }
    tasks.push(deployTask(options, env, previous));
    previous = `deploy-${env.name}`;
  }
  return tasks;
}
