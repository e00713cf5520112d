import { runLabels } from './labels';
import { pipelineName } from './pipeline';
import { GenerateOptions, KubeObject } from './types';

/** Group of the volumes' files, so steps running as the project's non-root user can write. */
export const RUN_AS_GROUP = 65532;

/** Values of the run's params: literal for a manual run, `$(tt.params.x)` from a trigger. */
export interface RunParams {
  gitUrl: string;
  gitRevision: string;
  commitAuthors: string;
}

/** Hours a run may take: two for the build, plus a day for each approval it waits for. */
function timeoutHours(options: GenerateOptions): number {
  return 2 + 24 * options.environments.filter(e => e.approval).length;
}

/**
 * A PipelineRun of the generated Pipeline (generateName, so each run gets its own name), with a
 * fresh volume for the source and, when `registrySecretName` is set, the registry credentials.
 */
export function buildPipelineRun(
  options: GenerateOptions,
  params: RunParams,
  registrySecretName?: string,
): KubeObject {
  return {
    apiVersion: 'tekton.dev/v1',
    kind: 'PipelineRun',
    metadata: {
      generateName: `${options.name}-`,
      namespace: options.ciNamespace,
      labels: runLabels(options),
    },
    spec: {
      pipelineRef: { name: pipelineName(options) },
      taskRunTemplate: {
        serviceAccountName: options.serviceAccountName,
        // the project's image runs as a non-root user (the skeletons' Dockerfiles use 65532):
        // the shared volume's group lets it write where the root steps did
        podTemplate: { securityContext: { fsGroup: RUN_AS_GROUP } },
      },
      timeouts: { pipeline: `${timeoutHours(options)}h` },
      params: [
        { name: 'git-url', value: params.gitUrl },
        { name: 'git-revision', value: params.gitRevision },
        { name: 'commit-authors', value: params.commitAuthors },
      ],
      workspaces: [
        {
          name: 'source',
          volumeClaimTemplate: {
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: '1Gi' } },
            },
          },
        },
        ...(registrySecretName
          ? [
              {
                name: 'dockerconfig',
                secret: {
                  secretName: registrySecretName,
                  items: [{ key: '.dockerconfigjson', path: 'config.json' }],
                },
              },
            ]
          : []),
      ],
    },
  };
}
