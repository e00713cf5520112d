import { componentLabels } from './labels';
import { buildPipelineRun } from './pipelineRun';
import { GenerateOptions, KubeObject } from './types';

const TRIGGERS_API = 'triggers.tekton.dev/v1beta1';

/** What each provider's push payload and interceptor look like. */
const PROVIDERS = {
  github: {
    interceptor: 'github',
    eventTypes: ['push'],
    gitUrl: '$(body.repository.clone_url)',
    revision: '$(body.after)',
    authors: '$(body.pusher.email)',
  },
  gitlab: {
    interceptor: 'gitlab',
    eventTypes: ['Push Hook'],
    gitUrl: '$(body.project.git_http_url)',
    revision: '$(body.checkout_sha)',
    authors: '$(body.user_email)',
  },
};

/** Name of the generated EventListener (its Service is `el-<name>`). */
export function eventListenerName(options: GenerateOptions): string {
  return `${options.name}-listener`;
}

function meta(options: GenerateOptions, name: string) {
  return {
    name,
    namespace: options.ciNamespace,
    labels: componentLabels(options),
  };
}

/**
 * The Triggers objects (triggers.tekton.dev/v1beta1, as Triggers 0.37+ accepts them): a
 * TriggerBinding reading the provider's push payload, a TriggerTemplate creating the
 * PipelineRun, and an EventListener that verifies the webhook with the provider's
 * ClusterInterceptor and the webhook Secret (`secretRef`) and only reacts to pushes to the
 * default branch (CEL).
 */
export function buildTriggers(
  options: GenerateOptions,
  registrySecretName?: string,
): KubeObject[] {
  const provider = PROVIDERS[options.gitProvider];
  const binding = `${options.name}-push`;
  const template = `${options.name}-run`;
  return [
    {
      apiVersion: TRIGGERS_API,
      kind: 'TriggerBinding',
      metadata: meta(options, binding),
      spec: {
        params: [
          { name: 'git-url', value: provider.gitUrl },
          { name: 'git-revision', value: provider.revision },
          { name: 'commit-authors', value: provider.authors },
        ],
      },
    },
    {
      apiVersion: TRIGGERS_API,
      kind: 'TriggerTemplate',
      metadata: meta(options, template),
      spec: {
        params: [
          { name: 'git-url', description: 'Repository to clone' },
          { name: 'git-revision', description: 'Commit pushed' },
          { name: 'commit-authors', description: 'Who pushed', default: '' },
        ],
        resourcetemplates: [
          buildPipelineRun(
            options,
            {
              gitUrl: '$(tt.params.git-url)',
              gitRevision: '$(tt.params.git-revision)',
              commitAuthors: '$(tt.params.commit-authors)',
            },
            registrySecretName,
          ),
        ],
      },
    },
    {
      apiVersion: TRIGGERS_API,
      kind: 'EventListener',
      metadata: meta(options, eventListenerName(options)),
      spec: {
        serviceAccountName: options.serviceAccountName,
        triggers: [
          {
            name: 'push',
            interceptors: [
              {
                ref: { name: provider.interceptor, kind: 'ClusterInterceptor' },
                params: [
                  {
                    name: 'secretRef',
                    value: {
                      secretName: options.webhookSecret.name,
                      secretKey: options.webhookSecret.key,
                    },
                  },
                  { name: 'eventTypes', value: provider.eventTypes },
                ],
              },
              {
                ref: { name: 'cel', kind: 'ClusterInterceptor' },
                params: [
                  {
                    name: 'filter',
                    value: `body.ref == 'refs/heads/${options.defaultBranch}'`,
                  },
                ],
              },
            ],
            bindings: [{ ref: binding }],
            template: { ref: template },
          },
        ],
      },
    },
  ];
}
