import { componentLabels } from './labels';
import { deploymentTasks } from './deployTasks';
import { mlPipelineResults, mlTasks } from './mlTasks';
import {
  buildTask,
  cloneTask,
  imageScanTasks,
  scanTasks,
  testTask,
} from './sourceTasks';
import { GenerateOptions, KubeObject, PipelineTask } from './types';

/** Name of the generated Pipeline. */
export function pipelineName(options: GenerateOptions): string {
  return `${options.name}-delivery`;
}

/** The pipeline param naming the MLflow tracking server (ML projects that register a model). */
export function mlflowParams(options: GenerateOptions) {
  return options.kind === 'ml' && options.ml.stages.includes('register')
    ? [
        {
          name: 'mlflow-tracking-uri',
          type: 'string',
          default: options.ml.mlflowTrackingUri,
          description:
            'MLflow tracking server the model is registered in; empty: the file store',
        },
      ]
    : [];
}

/**
 * The Tekton v1 Pipeline: clone → test and scans (each uploaded to Slipway) → build image →
 * Trivy scan of the built image (uploaded) and, for ML, train → validate → register → per
 * environment: approval gate (where required) → deploy (its TaskRun labelled with the
 * environment).
 */
export function buildPipeline(options: GenerateOptions): KubeObject {
  const scans = options.scanners.flatMap(s => scanTasks(s, options));
  const uploads = scans
    .filter(t => t.name.startsWith('upload-'))
    .map(t => t.name);
  const imageScans = options.scanners.includes('trivy')
    ? imageScanTasks(options)
    : [];
  const ml = options.kind === 'ml' ? mlTasks(options) : [];
  const tasks: PipelineTask[] = [
    cloneTask(),
    testTask(options),
    ...scans,
    buildTask(['test', ...uploads]),
    ...imageScans,
    ...ml,
  ];
  // deployments wait for the last build or ML stage and for the image scan's security gate
  const built = ml.length > 0 ? ml[ml.length - 1].name : 'build-image';
  tasks.push(
    ...deploymentTasks(options, [
      built,
      ...imageScans.filter(t => t.name.startsWith('upload-')).map(t => t.name),
    ]),
  );
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'Pipeline',
    metadata: {
      name: pipelineName(options),
      namespace: options.ciNamespace,
      labels: componentLabels(options),
    },
    spec: {
      description: `Builds, tests, scans${
        options.kind === 'ml' ? ', trains and validates' : ''
      } ${options.name} and promotes it through ${options.environments
        .map(e => e.name)
        .join(' → ')} with Slipway approvals.`,
      params: [
        { name: 'git-url', type: 'string', description: 'Repository to clone' },
        {
          name: 'git-revision',
          type: 'string',
          description: 'Commit to build',
        },
        {
          name: 'image-repository',
          type: 'string',
          default: options.imageRepository,
        },
        { name: 'slipway-url', type: 'string', default: options.slipwayUrl },
        { name: 'entity-ref', type: 'string', default: options.entityRef },
        {
          name: 'commit-authors',
          type: 'string',
          default: '',
          description:
            'Authors of the change (they may not approve its promotion)',
        },
        ...mlflowParams(options),
      ],
      workspaces: [
        { name: 'source', description: 'The checked-out repository' },
        {
          name: 'dockerconfig',
          optional: true,
          description: 'config.json with credentials for the image registry',
        },
      ],
      tasks,
      results: [
        {
          name: 'IMAGE_URL',
          description: 'The image built',
          value: '$(tasks.build-image.results.IMAGE_URL)',
        },
        {
          name: 'IMAGE_DIGEST',
          description: 'Its digest',
          value: '$(tasks.build-image.results.IMAGE_DIGEST)',
        },
        ...(options.kind === 'ml' ? mlPipelineResults(options) : []),
      ],
    },
  };
}
