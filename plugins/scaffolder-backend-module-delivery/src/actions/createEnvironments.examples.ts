import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** A template step running the action with `input`. */
function step(input: Record<string, unknown>): string {
  return yaml.stringify({
    steps: [
      {
        id: 'environments',
        action: 'delivery:environments:create',
        name: 'Create environments',
        input,
      },
    ],
  });
}

export const examples: TemplateExample[] = [
  {
    description:
      'Namespaces, RBAC, quotas and the webhook Secret for dev, staging and production',
    example: step({
      name: '${{ parameters.name }}',
      entityRef: 'component:default/${{ parameters.name }}',
      cluster: 'production',
      environments: [
        { name: 'dev', tier: 'development' },
        { name: 'staging', tier: 'staging' },
        { name: 'production', tier: 'production' },
      ],
      webhookSecret: '${{ secrets.webhookSecret }}',
    }),
  },
  {
    description:
      'Own namespace names and a narrower ClusterRole for the pipeline (both must be allowed by delivery.scaffolder: namespacePattern, deployClusterRoles)',
    example: step({
      name: 'fraud-model',
      ciNamespace: 'ml-ci',
      deployClusterRole: 'slipway-deployer',
      environments: [
        { name: 'dev', tier: 'dev', namespace: 'ml-dev' },
        { name: 'production', tier: 'production', namespace: 'ml-prod' },
      ],
    }),
  },
];
