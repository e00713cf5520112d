import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { publicJwkOf } from '@slipway/plugin-delivery-node';
import { FakeKubeApiServer } from '@slipway/plugin-delivery-backend-module-tekton/testUtils';
import {
  SCAFFOLDER_USER,
  clusterConfig,
  recordingContext,
  startCluster,
} from '../__testUtils__/kubeCluster';
import { createEnvironmentsAction } from './createEnvironments';

const SECRET = 'hunter2-webhook-value';
const SECRET_BASE64 = Buffer.from(SECRET).toString('base64');

const input = {
  name: 'fraud-model',
  environments: [
    { name: 'dev', tier: 'development' },
    { name: 'staging', tier: 'staging' },
    { name: 'production', tier: 'production', namespace: 'fraud-prod' },
  ],
  webhookSecret: SECRET,
};

describe('delivery:environments:create', () => {
  let server: FakeKubeApiServer;

  beforeEach(async () => {
    server = await startCluster();
  });

  afterEach(async () => {
    await server.close();
  });

  const run = async (
    given: Record<string, unknown> = input,
    options: { dryRun?: boolean } = {},
  ) => {
    const action = createEnvironmentsAction({ config: clusterConfig(server) });
    type Input = Parameters<typeof action.handler>[0]['input'];
    const recorded = recordingContext(given as Input, options);
    await action.handler(recorded.ctx);
    return recorded;
  };

  /** name → resourceVersion of every object on the server. */
  const versions = () =>
    Object.fromEntries(
      [
        'namespaces',
        'serviceaccounts',
        'rolebindings',
        'resourcequotas',
        'limitranges',
        'secrets',
      ].flatMap(plural =>
        server
          .list(plural)
          .map(o => [
            `${o.kind} ${o.metadata.namespace ?? ''}/${o.metadata.name}`,
            o.metadata.resourceVersion,
          ]),
      ),
    );

  it('creates labelled namespaces, RBAC, quotas by tier and the webhook Secret', async () => {
    const { outputs } = await run();

    expect(
      server.list('namespaces').map(n => [n.metadata.name, n.metadata.labels]),
    ).toEqual([
      [
        'fraud-model-ci',
        {
          'slipway.dev/component': 'fraud-model',
          'slipway.dev/role': 'ci',
          'app.kubernetes.io/managed-by': 'slipway',
          'slipway.dev/owner-entity': 'component.default.fraud-model',
          'slipway.dev/scaffolder-task': 'mock-task-id',
          'kubernetes.io/metadata.name': 'fraud-model-ci',
        },
      ],
      [
        'fraud-model-dev',
        {
          'slipway.dev/component': 'fraud-model',
          'slipway.dev/environment': 'dev',
          'slipway.dev/tier': 'development',
          'app.kubernetes.io/managed-by': 'slipway',
          'slipway.dev/owner-entity': 'component.default.fraud-model',
          'slipway.dev/scaffolder-task': 'mock-task-id',
          'kubernetes.io/metadata.name': 'fraud-model-dev',
        },
      ],
      [
        'fraud-model-staging',
        expect.objectContaining({ 'slipway.dev/tier': 'staging' }),
      ],
      [
        'fraud-prod',
        expect.objectContaining({
          'slipway.dev/environment': 'production',
          'slipway.dev/tier': 'production',
        }),
      ],
    ]);

    const binding = server.get(
      'rolebindings',
      'fraud-prod',
      'fraud-model-pipeline-deploy',
    );
    expect(binding).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'edit' },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: 'fraud-model-pipeline',
          namespace: 'fraud-model-ci',
        },
      ],
    });
    expect(
      server.get('serviceaccounts', 'fraud-model-ci', 'fraud-model-pipeline'),
    ).toBeDefined();
    expect(
      server.get('serviceaccounts', 'fraud-model-dev', 'fraud-model'),
    ).toBeDefined();
    expect(
      server.get('resourcequotas', 'fraud-model-dev', 'fraud-model-quota')
        ?.spec,
    ).toEqual({
      hard: {
        'requests.cpu': '4',
        'requests.memory': '8Gi',
        'limits.cpu': '8',
        'limits.memory': '16Gi',
        pods: '20',
      },
    });
    expect(
      server.get('resourcequotas', 'fraud-prod', 'fraud-model-quota')?.spec,
    ).toMatchObject({ hard: { 'limits.memory': '64Gi', pods: '100' } });
    expect(
      server.get('limitranges', 'fraud-model-staging', 'fraud-model-limits')
        ?.spec,
    ).toEqual({
      limits: [
        {
          type: 'Container',
          default: { cpu: '1', memory: '1Gi' },
          defaultRequest: { cpu: '250m', memory: '256Mi' },
        },
      ],
    });
    expect(
      server.get('secrets', 'fraud-model-ci', 'fraud-model-webhook')?.data,
    ).toEqual({ secret: SECRET_BASE64 });
    // every write was a server-side apply by the scaffolder's field manager,
    // without force, with the scaffolder's own token
    expect(
      server
        .writeRequests()
        .every(
          r =>
            r.method === 'PATCH' &&
            r.contentType === 'application/apply-patch+yaml' &&
            r.query.fieldManager === 'slipway-scaffolder' &&
            r.query.force !== 'true' &&
            r.user === SCAFFOLDER_USER,
        ),
    ).toBe(true);
    // every object names its owner (the exact ref in an annotation)
    expect(
      server.get('secrets', 'fraud-model-ci', 'fraud-model-webhook')?.metadata
        .annotations,
    ).toEqual({
      'slipway.dev/owner-entity-ref': 'component:default/fraud-model',
      'slipway.dev/scaffolder-task-id': 'mock-task-id',
    });
    // 3 CI objects + the Secret, 5 per environment
    expect(server.writeRequests()).toHaveLength(4 + 3 * 5);

    const out = outputs();
    expect(out.namespaces).toEqual([
      'fraud-model-dev',
      'fraud-model-staging',
      'fraud-prod',
    ]);
    expect(out.ciNamespace).toBe('fraud-model-ci');
    expect(out.created).toEqual([
      'fraud-model-ci',
      'fraud-model-dev',
      'fraud-model-staging',
      'fraud-prod',
    ]);
    expect(out.plan).toHaveLength(19);
    expect(new Set(out.plan.map((o: { result: string }) => o.result))).toEqual(
      new Set(['created']),
    );
  });

  it('is idempotent: a second run succeeds and changes nothing', async () => {
    await run();
    const before = versions();
    expect(Object.keys(before)).toHaveLength(19);

    const second = await run();
    expect(versions()).toEqual(before);
    const out = second.outputs();
    expect(out.created).toEqual([]);
    expect(new Set(out.plan.map((o: { result: string }) => o.result))).toEqual(
      new Set(['unchanged']),
    );
  });

  it('updates only what a changed input touches', async () => {
    await run();
    const before = versions();
    const { outputs } = await run({
      ...input,
      environments: input.environments.map(e =>
        e.name === 'staging' ? { ...e, tier: 'production' } : e,
      ),
    });
    const after = versions();
    const changed = Object.keys(after).filter(k => after[k] !== before[k]);
    // labels (tier) on the namespace and every labelled object, and the sizes
    expect(changed.sort()).toEqual([
      'LimitRange fraud-model-staging/fraud-model-limits',
      'Namespace /fraud-model-staging',
      'ResourceQuota fraud-model-staging/fraud-model-quota',
      'RoleBinding fraud-model-staging/fraud-model-pipeline-deploy',
      'ServiceAccount fraud-model-staging/fraud-model',
    ]);
    expect(
      server.get('resourcequotas', 'fraud-model-staging', 'fraud-model-quota')
        ?.spec,
    ).toMatchObject({ hard: { pods: '100' } });
    expect(
      outputs().plan.filter((o: { result: string }) => o.result === 'updated'),
    ).toHaveLength(5);
  });

  it('reports the plan in a dry run and touches nothing', async () => {
    const { outputs } = await run(input, { dryRun: true });
    expect(server.requests).toEqual([]);
    expect(server.list('namespaces')).toEqual([]);
    const out = outputs();
    expect(out.created).toEqual([]);
    expect(out.plan).toHaveLength(19);
    expect(out.plan[0]).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      name: 'fraud-model-ci',
      result: 'planned',
    });
    expect(out.plan).toContainEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace: 'fraud-model-ci',
      name: 'fraud-model-webhook',
      result: 'planned',
    });
  });

  it('stores the configured pipeline token as slipway-token for the Slipway Tasks, and lets it out nowhere', async () => {
    const token = 'pipeline-token-for-slipway-0123456789';
    const action = createEnvironmentsAction({
      config: clusterConfig(server, {
        data: { delivery: { scaffolder: { pipelineToken: token } } },
      }),
    });
    type Input = Parameters<typeof action.handler>[0]['input'];
    const recorded = recordingContext(input as Input);
    await action.handler(recorded.ctx);
    expect(
      server.get('secrets', 'fraud-model-ci', 'slipway-token')?.data,
    ).toEqual({ token: Buffer.from(token).toString('base64') });
    expect(recorded.everythingLetOut()).not.toContain(token);
  });

  it("issues the project's own pipeline token when a signing key is configured, scoped to its entity", async () => {
    const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const action = createEnvironmentsAction({
      config: clusterConfig(server, {
        data: {
          delivery: {
            pipelineTokens: { signingKey },
            scaffolder: { pipelineToken: 'shared-static-token-0123456789' },
          },
        },
      }),
    });
    type Input = Parameters<typeof action.handler>[0]['input'];
    const recorded = recordingContext(input as Input);
    await action.handler(recorded.ctx);
    const stored = server.get('secrets', 'fraud-model-ci', 'slipway-token')
      ?.data as { token: string };
    const token = Buffer.from(stored.token, 'base64').toString();
    const jwks = createLocalJWKSet({
      keys: [await publicJwkOf({ privateKeyPem: signingKey })],
    });
    const { payload } = await jwtVerify(token, jwks, { issuer: 'slipway' });
    expect(payload.sub).toBe('component:default/fraud-model');
    expect(recorded.everythingLetOut()).not.toContain(token);
  });

  it.each([false, true])(
    'never lets the webhook secret out (dry run: %s)',
    async dryRun => {
      const { everythingLetOut, logger } = await run(input, { dryRun });
      expect((logger.info as jest.Mock).mock.calls.length).toBeGreaterThan(0);
      const text = everythingLetOut();
      expect(text).toContain('fraud-model-webhook');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(SECRET_BASE64);
    },
  );

  it('refuses an unknown cluster and a namespace used twice, writing nothing', async () => {
    await expect(run({ ...input, cluster: 'nope' })).rejects.toThrow(
      "Unknown cluster 'nope'; configured clusters: local",
    );
    await expect(
      run({
        ...input,
        environments: [
          { name: 'dev', tier: 'dev', namespace: 'shared' },
          { name: 'staging', tier: 'staging', namespace: 'shared' },
        ],
      }),
    ).rejects.toThrow('namespace "shared" is used twice');
    expect(server.requests).toEqual([]);
  });
});
