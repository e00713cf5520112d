import type { JsonObject } from '@backstage/types';
import {
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { FakeKubeApiServer } from '@slipway/plugin-delivery-backend-module-tekton/testUtils';
import {
  clusterConfig,
  recordingContext,
  startCluster,
} from '../__testUtils__/kubeCluster';
import { createEnvironmentsAction } from './createEnvironments';

const CHECKOUT = {
  name: 'checkout-web',
  environments: [
    { name: 'dev', tier: 'development' },
    { name: 'production', tier: 'production' },
  ],
  webhookSecret: 'checkout-webhook-secret',
};

describe('delivery:environments:create: ownership and policy', () => {
  let server: FakeKubeApiServer;

  beforeEach(async () => {
    server = await startCluster();
  });

  afterEach(async () => {
    await server.close();
  });

  const run = async (
    input: Record<string, unknown>,
    options: {
      taskId?: string;
      userRef?: string;
      scaffolder?: JsonObject;
    } = {},
  ) => {
    const action = createEnvironmentsAction({
      config: clusterConfig(server, { scaffolder: options.scaffolder }),
    });
    type Input = Parameters<typeof action.handler>[0]['input'];
    const recorded = recordingContext(input as Input, options);
    await action.handler(recorded.ctx);
    return recorded;
  };

  /** The checkout-web objects an attacker would want, as stored (every byte). */
  const checkoutObjects = () =>
    JSON.stringify([
      server.get('namespaces', undefined, 'checkout-web-ci'),
      server.get('secrets', 'checkout-web-ci', 'checkout-web-webhook'),
      server.get(
        'rolebindings',
        'checkout-web-ci',
        'checkout-web-pipeline-triggers',
      ),
      server.get(
        'rolebindings',
        'checkout-web-production',
        'checkout-web-pipeline-deploy',
      ),
    ]);

  const createCheckout = async () => {
    await run(CHECKOUT, {
      taskId: 'task-checkout',
      userRef: 'user:default/ada',
    });
    const before = checkoutObjects();
    expect(before).toContain('checkout-web-webhook');
    return { before, writes: server.writeRequests().length };
  };

  it("refuses a name whose namespaces collide with another entity's, naming the owner, and changes nothing", async () => {
    const { before, writes } = await createCheckout();
    // project "checkout" with an environment "web-ci" would write into checkout-web-ci
    await expect(
      run(
        {
          name: 'checkout',
          environments: [{ name: 'web-ci', tier: 'production' }],
          webhookSecret: 'attacker-secret',
        },
        { taskId: 'task-attacker' },
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        "namespace 'checkout-web-ci' belongs to component:default/checkout-web (scaffolder task task-checkout, started by user:default/ada), not to component:default/checkout",
      ),
    });
    expect(server.writeRequests()).toHaveLength(writes);
    expect(checkoutObjects()).toBe(before);
    expect(server.get('namespaces', undefined, 'checkout-ci')).toBeUndefined();
  });

  it('refuses the same name from another template run (the review’s takeover) and changes nothing', async () => {
    const { before, writes } = await createCheckout();
    await expect(
      run(
        { ...CHECKOUT, webhookSecret: 'attacker-secret' },
        { taskId: 'task-attacker', userRef: 'user:default/mallory' },
      ),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        "namespace 'checkout-web-ci' belongs to component:default/checkout-web (scaffolder task task-checkout, started by user:default/ada): another template run created it",
      ),
    });
    expect(server.writeRequests()).toHaveLength(writes);
    expect(checkoutObjects()).toBe(before);
    // the run that created them may run again (a retried task)
    const retried = await run(CHECKOUT, {
      taskId: 'task-checkout',
      userRef: 'user:default/ada',
    });
    expect(
      new Set(retried.outputs().plan.map((o: { result: string }) => o.result)),
    ).toEqual(new Set(['unchanged']));
  });

  it("refuses an existing namespace without Slipway's labels, writing nothing", async () => {
    server.put('namespaces', {
      metadata: { name: 'orders-dev', labels: { team: 'payments' } },
    });
    server.put('secrets', {
      metadata: { name: 'orders-webhook', namespace: 'orders-dev' },
      data: { secret: 'c2VjcmV0' },
    });
    const before = JSON.stringify(server.list('secrets', 'orders-dev'));
    await expect(
      run({
        name: 'orders',
        environments: [{ name: 'dev', tier: 'development' }],
        webhookSecret: 'x',
      }),
    ).rejects.toThrow(
      "namespace 'orders-dev' exists and is not Slipway's (no slipway.dev/owner-entity label)",
    );
    expect(server.writeRequests()).toEqual([]);
    expect(server.get('namespaces', undefined, 'orders-ci')).toBeUndefined();
    expect(JSON.stringify(server.list('secrets', 'orders-dev'))).toBe(before);
  });

  it('adopts a namespace delivery.scaffolder.adoptNamespaces lists, and labels it as owned', async () => {
    server.put('namespaces', {
      metadata: { name: 'legacy-orders', labels: { team: 'payments' } },
    });
    const { logger } = await run(
      {
        name: 'orders',
        environments: [
          { name: 'dev', tier: 'development', namespace: 'legacy-orders' },
        ],
      },
      { scaffolder: { adoptNamespaces: ['legacy-*'] } },
    );
    expect(
      server.get('namespaces', undefined, 'legacy-orders')?.metadata,
    ).toMatchObject({
      labels: {
        team: 'payments',
        'slipway.dev/owner-entity': 'component.default.orders',
        'slipway.dev/scaffolder-task': 'mock-task-id',
        'slipway.dev/environment': 'dev',
      },
      annotations: {
        'slipway.dev/owner-entity-ref': 'component:default/orders',
      },
    });
    expect(
      server.get('resourcequotas', 'legacy-orders', 'orders-quota'),
    ).toBeDefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "Adopting namespace legacy-orders for component:default/orders (delivery.scaffolder.adoptNamespaces): it exists and is not Slipway's",
      ),
    );
    // the adopted namespace's objects were checked by a dry run before being written
    const dryRuns = server
      .writeRequests()
      .filter(r => r.query.dryRun === 'All')
      .map(r => r.path);
    expect(dryRuns).toContain('/api/v1/namespaces/legacy-orders');
    expect(dryRuns).toContain(
      '/api/v1/namespaces/legacy-orders/resourcequotas/orders-quota',
    );
  });

  it('refuses a deployClusterRole outside delivery.scaffolder.deployClusterRoles before contacting the cluster', async () => {
    await expect(
      run({ ...CHECKOUT, deployClusterRole: 'cluster-admin' }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        "deployClusterRole 'cluster-admin' is not in delivery.scaffolder.deployClusterRoles (edit)",
    });
    expect(server.requests).toEqual([]);

    await run(
      { ...CHECKOUT, deployClusterRole: 'slipway-deployer' },
      { scaffolder: { deployClusterRoles: ['edit', 'slipway-deployer'] } },
    );
    expect(
      server.get(
        'rolebindings',
        'checkout-web-dev',
        'checkout-web-pipeline-deploy',
      ),
    ).toMatchObject({ roleRef: { name: 'slipway-deployer' } });
  });

  it.each([
    ['kube-system', 'NotAllowedError', "'kube-system' is reserved"],
    ['default', 'NotAllowedError', "'default' is reserved"],
    ['openshift-config', 'NotAllowedError', "'openshift-config' is reserved"],
    ['slipway', 'NotAllowedError', "'slipway' is reserved"],
  ])(
    'refuses namespace %s before contacting the cluster',
    async (namespace, name, message) => {
      await expect(
        run({
          name: 'x',
          environments: [{ name: 'x', tier: 'production', namespace }],
        }),
      ).rejects.toMatchObject({
        name,
        message: expect.stringContaining(message),
      });
      expect(server.requests).toEqual([]);
    },
  );

  it('refuses namespaces that do not match delivery.scaffolder.namespacePattern', async () => {
    const scaffolder = { namespacePattern: 'team-a-[a-z0-9-]+' };
    await expect(
      run({ ...CHECKOUT, ciNamespace: 'team-a-checkout-ci' }, { scaffolder }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        "namespace of environment dev 'checkout-web-dev' does not match delivery.scaffolder.namespacePattern team-a-[a-z0-9-]+",
    });
    expect(server.requests).toEqual([]);
    await run(
      {
        ...CHECKOUT,
        ciNamespace: 'team-a-checkout-ci',
        environments: [
          { name: 'dev', tier: 'dev', namespace: 'team-a-checkout-dev' },
        ],
      },
      { scaffolder },
    );
    expect(server.list('namespaces').map(n => n.metadata.name)).toEqual([
      'team-a-checkout-ci',
      'team-a-checkout-dev',
    ]);
  });

  it('reports a conflict with another field manager and overwrites nothing', async () => {
    await run(CHECKOUT);
    // the platform team raised the quota by hand (kubectl edit)
    const objects = KubernetesObjectApi.makeApiClient(server.kubeConfig());
    await objects.patch(
      {
        apiVersion: 'v1',
        kind: 'ResourceQuota',
        metadata: { name: 'checkout-web-quota', namespace: 'checkout-web-dev' },
        spec: { hard: { pods: '50' } },
      } as KubernetesObject,
      undefined,
      undefined,
      'kubectl-edit',
      undefined,
      PatchStrategy.MergePatch,
    );
    const edited = JSON.stringify(
      server.get('resourcequotas', 'checkout-web-dev', 'checkout-web-quota'),
    );
    const writes = server.writeRequests().length;

    await expect(run(CHECKOUT)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /ResourceQuota checkout-web-dev\/checkout-web-quota .*other field managers own fields it would change.*\.spec\.hard\.pods \(conflict with "kubectl-edit" using v1\)/,
      ),
    });
    expect(
      JSON.stringify(
        server.get('resourcequotas', 'checkout-web-dev', 'checkout-web-quota'),
      ),
    ).toBe(edited);
    // the dry runs found it: nothing was applied for real
    const since = server.writeRequests().slice(writes);
    expect(since.length).toBeGreaterThan(0);
    expect(since.every(r => r.query.dryRun === 'All')).toBe(true);
  });

  it('binds the scaffolder’s own ServiceAccount in each namespace right after creating it, when configured', async () => {
    const { outputs } = await run(CHECKOUT, {
      scaffolder: {
        clusters: [
          {
            name: 'local',
            serviceAccountToken: 'scaffolder-service-account-token',
            namespaceBinding: {
              clusterRole: 'slipway-scaffolder-tenant',
              serviceAccount: {
                name: 'slipway-scaffolder',
                namespace: 'slipway',
              },
            },
          },
        ],
      },
    });
    const plan = outputs().plan.map(
      (o: { kind: string; namespace?: string; name: string }) =>
        `${o.kind} ${o.namespace ?? ''}/${o.name}`,
    );
    expect(plan.slice(0, 2)).toEqual([
      'Namespace /checkout-web-ci',
      'RoleBinding checkout-web-ci/slipway-scaffolder',
    ]);
    expect(plan[plan.indexOf('Namespace /checkout-web-dev') + 1]).toBe(
      'RoleBinding checkout-web-dev/slipway-scaffolder',
    );
    expect(
      server.get('rolebindings', 'checkout-web-dev', 'slipway-scaffolder'),
    ).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'slipway-scaffolder-tenant' },
      subjects: [
        {
          kind: 'ServiceAccount',
          name: 'slipway-scaffolder',
          namespace: 'slipway',
        },
      ],
    });
  });
});
