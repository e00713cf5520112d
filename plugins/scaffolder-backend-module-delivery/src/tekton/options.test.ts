import { InputError } from '@backstage/errors';
import { ML_INPUT } from '../__testUtils__/projects';
import { resolveOptions } from './options';

const DEFAULTS = { slipwayUrl: 'https://backstage.example.com' };

describe('resolveOptions', () => {
  it('fills in dev, staging and production with approvals for all but dev', () => {
    const options = resolveOptions(ML_INPUT, DEFAULTS);
    expect(options.environments).toEqual([
      {
        name: 'dev',
        tier: 'development',
        namespace: 'fraud-model-dev',
        approval: false,
        canary: false,
      },
      {
        name: 'staging',
        tier: 'staging',
        namespace: 'fraud-model-staging',
        approval: true,
        canary: false,
      },
      {
        name: 'production',
        tier: 'production',
        namespace: 'fraud-model-production',
        approval: true,
        canary: true,
      },
    ]);
    expect(options.ml).toMatchObject({
      modelStorageUri: 's3://models/fraud-model',
      mlflowTrackingUri: '',
      mlflowSecretName: 'mlflow-credentials',
      canary: { trafficPercent: 10, soakSeconds: 300 },
    });
    expect(options.ml.metric).toEqual({
      name: 'accuracy',
      operator: '>=',
      threshold: 0.8,
    });
    expect(options.ciNamespace).toBe('fraud-model-ci');
    expect(options.runtimeVersion).toBe('3.12');
  });

  it('keeps the ML stages in pipeline order whatever order they are given in', () => {
    const options = resolveOptions(
      { ...ML_INPUT, mlStages: ['register', 'train'] },
      DEFAULTS,
    );
    expect(options.ml.stages).toEqual(['train', 'register']);
  });

  it('lets an environment skip or require approval explicitly', () => {
    const options = resolveOptions(
      {
        ...ML_INPUT,
        environments: [
          { name: 'dev', tier: 'development', approval: true },
          {
            name: 'prod',
            tier: 'production',
            approval: false,
            namespace: 'models',
          },
        ],
      },
      DEFAULTS,
    );
    expect(
      options.environments.map(e => [e.name, e.approval, e.namespace]),
    ).toEqual([
      ['dev', true, 'fraud-model-dev'],
      ['prod', false, 'models'],
    ]);
  });

  it('puts a canary in front of production models only, unless told otherwise', () => {
    const canaries = (input: Partial<typeof ML_INPUT>) =>
      resolveOptions({ ...ML_INPUT, ...input }, DEFAULTS).environments.map(
        e => [e.name, e.canary],
      );
    expect(
      canaries({
        environments: [
          { name: 'dev', tier: 'development' },
          { name: 'staging', tier: 'staging', canary: true },
          { name: 'prod', tier: 'production', canary: false },
        ],
      }),
    ).toEqual([
      ['dev', false],
      ['staging', true],
      ['prod', false],
    ]);
    expect(canaries({ canaryTrafficPercent: 0 })).toEqual([
      ['dev', false],
      ['staging', false],
      ['production', false],
    ]);
    // a service has no KServe canary
    expect(
      resolveOptions(
        { ...ML_INPUT, kind: 'service' },
        DEFAULTS,
      ).environments.some(e => e.canary),
    ).toBe(false);
  });

  it.each([
    [{ environments: [] }, 'at least one environment is needed'],
    [
      { canaryTrafficPercent: 100 },
      'canaryTrafficPercent must be a whole number from 0 (no canary) to 99',
    ],
    [
      {
        kind: 'service' as const,
        environments: [
          { name: 'prod', tier: 'production' as const, canary: true },
        ],
      },
      'canary deployments are for ML projects',
    ],
    [
      { promotionMetric: '>= 0.8' },
      "promotionMetric must look like 'accuracy >= 0.8'",
    ],
    [
      { mlStages: ['validate' as const] },
      'an ML project needs the train stage',
    ],
  ])('rejects %j', (change, message) => {
    expect(() => resolveOptions({ ...ML_INPUT, ...change }, DEFAULTS)).toThrow(
      message,
    );
    expect(() => resolveOptions({ ...ML_INPUT, ...change }, DEFAULTS)).toThrow(
      InputError,
    );
  });
});
