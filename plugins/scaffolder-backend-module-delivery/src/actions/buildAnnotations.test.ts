import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createBuildAnnotationsAction } from './buildAnnotations';

describe('delivery:annotations:build', () => {
  const action = createBuildAnnotationsAction();

  it('outputs the kubernetes-id, namespace and tekton annotations', async () => {
    const ctx = createMockActionContext({
      input: { kubernetesId: 'fraud-model', namespace: 'fraud-model-ci' },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('annotations', {
      'backstage.io/kubernetes-id': 'fraud-model',
      'backstage.io/kubernetes-namespace': 'fraud-model-ci',
      'tekton.dev/cicd': 'true',
    });
  });

  it('leaves the namespace out when none is given', async () => {
    const ctx = createMockActionContext({
      input: { kubernetesId: 'payments-api' },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('annotations', {
      'backstage.io/kubernetes-id': 'payments-api',
      'tekton.dev/cicd': 'true',
    });
  });

  it('declares an input schema that only accepts Kubernetes label values', () => {
    const input = action.schema?.input as {
      required: string[];
      properties: Record<string, { pattern: string; maxLength: number }>;
    };
    expect(input.required).toEqual(['kubernetesId']);
    const pattern = new RegExp(input.properties.kubernetesId.pattern);
    expect(pattern.test('fraud-model')).toBe(true);
    expect(pattern.test('Fraud_Model')).toBe(false);
    expect(pattern.test('-leading-dash')).toBe(false);
    expect(input.properties.kubernetesId.maxLength).toBe(63);
  });
});
