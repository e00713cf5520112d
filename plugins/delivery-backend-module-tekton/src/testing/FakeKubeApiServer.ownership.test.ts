import {
  ApiException,
  CoreV1Api,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { FakeKubeApiServer } from './FakeKubeApiServer';
import { kubeResources } from './resourceDefinitions';
import { kubeConfigFor } from './testKube';

const configMap = (data: Record<string, string>): KubernetesObject =>
  ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'settings', namespace: 'team' },
    data,
  } as KubernetesObject);

const dataOf = (obj: KubernetesObject) => (obj as { data?: unknown }).data;

/** The Status body of a failed request. */
async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiException);
  const { code, body } = error as ApiException<string>;
  return { code, status: JSON.parse(body) };
}

describe('FakeKubeApiServer (field managers and apply conflicts)', () => {
  let server: FakeKubeApiServer;
  let objects: KubernetesObjectApi;

  const applyAs = (
    manager: string,
    spec: KubernetesObject,
    options: { force?: boolean; dryRun?: 'All' } = {},
  ) =>
    objects.patch(
      spec,
      undefined,
      options.dryRun,
      manager,
      options.force,
      PatchStrategy.ServerSideApply,
    );
  const stored = () => server.get('configmaps', 'team', 'settings');
  const owners = () =>
    (stored()?.metadata.managedFields as any[]).map(e => [
      e.manager,
      e.operation,
      e.fieldsV1,
    ]);

  beforeEach(async () => {
    server = await FakeKubeApiServer.start({
      resources: [kubeResources.namespaces, kubeResources.configMaps],
      users: { 'second-token': 'system:serviceaccount:slipway:scaffolder' },
    });
    server.put('namespaces', { metadata: { name: 'team' } });
    objects = KubernetesObjectApi.makeApiClient(
      kubeConfigFor(server.url, server.token),
    );
  });

  afterEach(async () => {
    await server.close();
  });

  it('records the fields each manager applied', async () => {
    await applyAs('platform', configMap({ a: '1' }));
    expect(owners()).toEqual([
      ['platform', 'Apply', { 'f:data': { 'f:a': {} } }],
    ]);
  });

  it('answers 409 Conflict naming the manager and field when another manager owns a field with a different value, and stores nothing', async () => {
    await applyAs('platform', configMap({ a: '1' }));
    const before = stored();
    const { code, status } = await failure(
      applyAs('scaffolder', configMap({ a: '2' })),
    );
    expect(code).toBe(409);
    expect(status).toMatchObject({
      kind: 'Status',
      reason: 'Conflict',
      message:
        'Apply failed with 1 conflict: conflict with "platform": .data.a',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "platform"',
            field: '.data.a',
          },
        ],
      },
    });
    expect(stored()).toEqual(before);
  });

  it('shares a field applied with the same value, and force=true takes a field over', async () => {
    await applyAs('platform', configMap({ a: '1' }));
    await applyAs('scaffolder', configMap({ a: '1', b: '2' }));
    expect(owners()).toEqual([
      ['platform', 'Apply', { 'f:data': { 'f:a': {} } }],
      ['scaffolder', 'Apply', { 'f:data': { 'f:a': {}, 'f:b': {} } }],
    ]);
    // the shared field is now also the scaffolder's: the platform conflicts with it
    expect(
      (await failure(applyAs('platform', configMap({ a: '3' })))).status
        .message,
    ).toBe('Apply failed with 1 conflict: conflict with "scaffolder": .data.a');

    const forced = await applyAs('platform', configMap({ a: '3' }), {
      force: true,
    });
    expect(dataOf(forced)).toEqual({ a: '3', b: '2' });
    expect(server.requests.at(-1)?.query).toMatchObject({ force: 'true' });
    expect(owners()).toEqual([
      ['platform', 'Apply', { 'f:data': { 'f:a': {} } }],
      ['scaffolder', 'Apply', { 'f:data': { 'f:b': {} } }],
    ]);
  });

  it('gives an update (merge patch) the fields it changed, so applying other values conflicts with it', async () => {
    await applyAs('scaffolder', configMap({ a: '1', b: '2', c: '3' }));
    await objects.patch(
      configMap({ a: 'edited', b: 'edited' }),
      undefined,
      undefined,
      'kubectl-edit',
      undefined,
      PatchStrategy.MergePatch,
    );
    expect(owners()).toEqual([
      ['scaffolder', 'Apply', { 'f:data': { 'f:c': {} } }],
      ['kubectl-edit', 'Update', { 'f:data': { 'f:a': {}, 'f:b': {} } }],
    ]);
    const { code, status } = await failure(
      applyAs('scaffolder', configMap({ a: '1', b: '2', c: '3' })),
    );
    expect(code).toBe(409);
    expect(status.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-edit" using v1:\n- .data.a\n- .data.b',
    );
    expect(
      status.details.causes.map((c: { field: string }) => c.field),
    ).toEqual(['.data.a', '.data.b']);
    expect(stored()?.data).toEqual({ a: 'edited', b: 'edited', c: '3' });
  });

  it('gives the fields of an object without managedFields to before-first-apply on its first apply', async () => {
    server.put('configmaps', configMap({ a: '1' }));
    await applyAs('scaffolder', configMap({ a: '1', b: '2' }));
    expect(owners()).toEqual([
      ['before-first-apply', 'Update', { 'f:data': { 'f:a': {} } }],
      ['scaffolder', 'Apply', { 'f:data': { 'f:a': {}, 'f:b': {} } }],
    ]);
    expect(
      (await failure(applyAs('scaffolder', configMap({ a: '9', b: '2' }))))
        .status.message,
    ).toBe(
      'Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .data.a',
    );
  });

  it('keeps the resourceVersion of a no-op apply', async () => {
    const first = await applyAs('scaffolder', configMap({ a: '1' }));
    const again = await applyAs('scaffolder', configMap({ a: '1' }));
    expect(again.metadata?.resourceVersion).toBe(
      first.metadata?.resourceVersion,
    );
  });

  it('answers a dryRun=All apply without storing it, conflicts included, and refuses dry runs of other writes', async () => {
    const planned = await applyAs('scaffolder', configMap({ a: '1' }), {
      dryRun: 'All',
    });
    expect(dataOf(planned)).toEqual({ a: '1' });
    expect(stored()).toBeUndefined();

    await applyAs('platform', configMap({ a: '1' }));
    const before = stored();
    const changed = await applyAs('platform', configMap({ a: '2' }), {
      dryRun: 'All',
    });
    expect(dataOf(changed)).toEqual({ a: '2' });
    expect(stored()).toEqual(before);
    expect(
      (
        await failure(
          applyAs('scaffolder', configMap({ a: '3' }), { dryRun: 'All' }),
        )
      ).code,
    ).toBe(409);

    const core = kubeConfigFor(server.url, server.token).makeApiClient(
      CoreV1Api,
    );
    const refused = await failure(
      core.createNamespacedConfigMap({
        namespace: 'team',
        body: { metadata: { name: 'other' } },
        dryRun: 'All',
      }),
    );
    expect(refused.code).toBe(400);
    expect(server.get('configmaps', 'team', 'other')).toBeUndefined();
  });

  it('accepts further tokens and records their user', async () => {
    const second = KubernetesObjectApi.makeApiClient(
      kubeConfigFor(server.url, 'second-token'),
    );
    await second.patch(
      configMap({ a: '1' }),
      undefined,
      undefined,
      'slipway-scaffolder',
      undefined,
      PatchStrategy.ServerSideApply,
    );
    await applyAs('platform', configMap({ a: '1' }));
    expect(server.writeRequests().map(r => r.user)).toEqual([
      'system:serviceaccount:slipway:scaffolder',
      undefined,
    ]);
    const stranger = KubernetesObjectApi.makeApiClient(
      kubeConfigFor(server.url, 'unknown-token'),
    );
    expect(
      (
        await failure(
          stranger.read({
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'settings', namespace: 'team' },
          }),
        )
      ).code,
    ).toBe(401);
  });
});
