import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** One example: a template with a single `delivery:tekton:generate` step. */
function example(
  description: string,
  input: Record<string, unknown>,
): TemplateExample {
  return {
    description,
    example: yaml.stringify({
      steps: [
        {
          id: 'pipeline',
          action: 'delivery:tekton:generate',
          name: 'Generate the Tekton pipeline',
          input,
        },
      ],
    }),
  };
}

export const examples: TemplateExample[] = [
  example(
    'An ML project: train, validate (accuracy >= 0.8) and register in MLflow, served by KServe in dev, staging and production (a canary there)',
    {
      name: '${{ parameters.name }}',
      kind: 'ml',
      language: 'python',
      imageRepository: 'registry.example.com/ml/${{ parameters.name }}',
      gitUrl: 'https://github.com/example/${{ parameters.name }}.git',
      scanners: ['trivy', 'pip-audit', 'bandit'],
      promotionMetric: 'accuracy >= 0.8',
      modelStorageUri: 's3://models/${{ parameters.name }}',
      mlflowTrackingUri: 'http://mlflow.mlflow.svc:5000',
      canaryTrafficPercent: 10,
    },
  ),
  example(
    'A Go service on GitLab with its own environments: dev without approval, production with one',
    {
      name: 'ledger-service',
      kind: 'service',
      language: 'go',
      imageRepository: 'registry.example.com/payments/ledger-service',
      gitUrl: 'https://gitlab.example.com/payments/ledger-service.git',
      gitProvider: 'gitlab',
      environments: [
        { name: 'dev', tier: 'development' },
        { name: 'production', tier: 'production' },
      ],
      scanners: ['trivy', 'gitleaks'],
    },
  ),
];
