import { deployTask } from './deployTasks';
import { IMAGES } from './images';
import { componentLabels } from './labels';
import { mlflowParams } from './pipeline';
import { GenerateOptions, KubeObject, PipelineTask } from './types';

/** Name of the generated deploy pipeline (one environment at one revision). */
export function deployPipelineName(options: GenerateOptions): string {
  return `${options.name}-deploy`;
}

/**
 * The params of the deploy pipeline a starter fills in (see the catalog annotation
 * `slipway.dev/deploy-pipeline-params`): `environment` and `revision` are required, `version`
 * defaults to the revision, `image` to `<image-repository>:<revision>` (the tag the delivery
 * pipeline pushes; pass the image by digest when known).
 */
export const DEPLOY_PIPELINE_PARAMS = [
  'environment',
  'revision',
  'version',
  'image',
] as const;

/**
 * The deploy pipeline: deploys one environment at one revision, so that an approved promotion
 * or a rollback starts exactly that deployment. One `deploy-<env>` task per environment, each
 * guarded by `when: environment in [<env>]` (so only one runs) and the same as the delivery
 * pipeline's (its TaskRun labelled `slipway.dev/environment: <env>`, results `revision`,
 * `version`, `image`), but self-contained: it checks the revision out into a volume of its own,
 * so a run needs no workspace, only the params and the pipeline's ServiceAccount. An unknown
 * environment fails the run (`unknown-environment`).
 */
export function buildDeployPipeline(
  options: GenerateOptions,
  gitUrl: string,
): KubeObject {
  const names = options.environments.map(e => e.name);
  const environment = '$(params.environment)';
  const tasks: PipelineTask[] = [
    {
      name: 'unknown-environment',
      when: [{ input: environment, operator: 'notin', values: names }],
      params: [{ name: 'environment', value: environment }],
      taskSpec: {
        params: [{ name: 'environment' }],
        steps: [
          {
            name: 'fail',
            image: IMAGES.busybox,
            env: [{ name: 'ENVIRONMENT', value: '$(params.environment)' }],
            script: `#!/bin/sh\necho "No environment '$ENVIRONMENT' in ${
              options.name
            } (${names.join(', ')})" >&2\nexit 1\n`,
          },
        ],
      },
    },
    ...options.environments.map(env => {
      const { name, ...task } = deployTask(options, env, 'clone');
      return {
        name,
        when: [
          {
            input: environment,
            operator: 'in' as const,
            values: [env.name],
          },
        ],
        ...task,
      };
    }),
  ];
  const registers =
    options.kind === 'ml' && options.ml.stages.includes('register');
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: {
      name: deployPipelineName(options),
      namespace: options.ciNamespace,
      labels: componentLabels(options),
    },
    spec: {
      description: `Deploys ${options.name} to one environment (${names.join(
        ', ',
      )}) at one revision: what an approved promotion or a rollback in Slipway starts.`,
      params: [
        {
          name: 'environment',
          type: 'string',
          description: `The environment to deploy to: ${names.join(', ')}`,
        },
        {
          name: 'revision',
          type: 'string',
          description: 'The commit to deploy (its deploy manifests and image)',
        },
        {
          name: 'version',
          type: 'string',
          default: '',
          description: 'The version being deployed; empty: the revision',
        },
        {
          name: 'image',
          type: 'string',
          default: '',
          description:
            'The image to deploy, preferably by digest; empty: <image-repository>:<revision>',
        },
        { name: 'git-url', type: 'string', default: gitUrl },
        {
          name: 'image-repository',
          type: 'string',
          default: options.imageRepository,
        },
        ...(options.environments.some(e => e.canary)
          ? [
              {
                name: 'skip-canary',
                type: 'string',
                default: 'false',
                description:
                  '"true" serves the model to all the traffic at once (a rollback)',
              },
            ]
          : []),
        ...(registers
          ? [
              {
                name: 'model-uri',
                type: 'string',
                default: '',
                description:
                  'The registered model to serve; empty: the one registered for the revision',
              },
            ]
          : []),
        ...mlflowParams(options),
      ],
      tasks,
    },
  };
}
