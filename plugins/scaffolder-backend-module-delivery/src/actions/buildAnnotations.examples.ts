import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Annotations for a component whose runs carry its name as kubernetes-id',
    example: yaml.stringify({
      steps: [
        {
          id: 'annotations',
          action: 'delivery:annotations:build',
          name: 'Link pipeline runs',
          input: {
            kubernetesId: '${{ parameters.name }}',
            namespace: '${{ parameters.name }}-ci',
          },
        },
      ],
    }),
  },
];
