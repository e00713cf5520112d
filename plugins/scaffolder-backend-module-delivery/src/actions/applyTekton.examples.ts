import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Apply the generated pipeline and triggers, then point the repository webhook at the EventListener',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'delivery:tekton:apply',
          name: 'Apply the pipeline',
          input: {
            namespace: '${{ parameters.name }}-ci',
            entityRef: 'component:default/${{ parameters.name }}',
            cluster: 'production',
          },
        },
        {
          id: 'webhook',
          action: 'github:webhook',
          name: 'Create the webhook',
          input: {
            repoUrl: '${{ parameters.repoUrl }}',
            webhookUrl: '${{ steps.apply.output.eventListenerUrl }}',
            webhookSecret: '${{ secrets.webhookSecret }}',
            contentType: 'json',
          },
        },
      ],
    }),
  },
  {
    description: 'Apply manifests kept in another directory of the workspace',
    example: yaml.stringify({
      steps: [
        {
          id: 'apply',
          action: 'delivery:tekton:apply',
          name: 'Apply the pipeline',
          input: {
            sourcePath: 'deploy/tekton',
            namespace: 'ml-ci',
            entityRef: 'component:default/fraud-model',
          },
        },
      ],
    }),
  },
];
