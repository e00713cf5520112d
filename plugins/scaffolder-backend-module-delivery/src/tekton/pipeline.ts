import { componentLabels } from './labels';
import { deploymentTasks } from './deployTasks';
import { mlTasks } from './mlTasks';
import { buildTask, cloneTask, scanTasks, testTask } from './sourceTasks';
import { GenerateOptions, KubeObject, PipelineTask } from './types';

/** Name of the generated Pipeline. */
export function pipelineName(options: GenerateOptions): string {
  return `${options.name}-delivery`;
}

/**
 * The Tekton v1 Pipeline: clone → test and scans (each uploaded to Slipway) → build image →
 * (ML) train → validate → register → per environment: approval gate (where required) → deploy.
 */
export function buildPipeline(options: GenerateOptions): KubeObject {
  const scans = options.scanners.flatMap(s => scanTasks(s, options));
  const uploads = scans
    .filter(t => t.name.startsWith('upload-'))
    .map(t => t.name);
  const ml = options.kind === 'ml' ? mlTasks(options) : [];
  const tasks: PipelineTask[] = [
    cloneTask(),
    testTask(options),
    ...scans,
    buildTask(['test', ...uploads]),
    ...ml,
  ];
  tasks.push(...deploymentTasks(options, tasks[tasks.length - 1].name));
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
    },
  };
}
