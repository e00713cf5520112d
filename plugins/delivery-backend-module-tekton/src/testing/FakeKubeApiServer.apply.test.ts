import {
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
} from '@kubernetes/client-node';
import { FakeKubeApiServer } from './FakeKubeApiServer';
import { kubeResources } from './resourceDefinitions';
import { kubeConfigFor, startInformer } from './testKube';
import { waitFor } from './waitFor';

const approval = (approvers: string[]) => ({
  apiVersion: 'openshift-pipelines.org/v1alpha1',
  kind: 'ApprovalTask',
  metadata: { name: 'gate-1', namespace: 'ci', labels: { env: 'prod' } },
  spec: { approvers: approvers.map(name => ({ name, input: 'pending' })) },
});

describe('FakeKubeApiServer (server-side apply and informers)', () => {
  let server: FakeKubeApiServer;
  let kc: KubeConfig;
  let objects: KubernetesObjectApi;

  const applyAs = (manager: string | undefined, spec: KubernetesObject) =>
    objects.patch(
      spec,
      undefined,
      undefined,
      manager,
      undefined,
      PatchStrategy.ServerSideApply,
    );
  const apply = (spec: KubernetesObject) => applyAs('me', spec);

  beforeEach(async () => {
    server = await FakeKubeApiServer.start({
      resources: [kubeResources.namespaces, kubeResources.approvalTasks],
    });
    kc = kubeConfigFor(server.url, server.token);
    objects = KubernetesObjectApi.makeApiClient(kc);
  });

  afterEach(async () => {
    await server.close();
  });

  it('creates when absent, merges when present and keeps a no-op unchanged', async () => {
    server.put('namespaces', { metadata: { name: 'ci' } });
    const created = await apply(approval(['ana']));
    expect(server.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: '/apis/openshift-pipelines.org/v1alpha1/namespaces/ci/approvaltasks/gate-1',
      query: { fieldManager: 'me' },
      contentType: 'application/apply-patch+yaml',
    });
    expect(created.metadata?.managedFields).toEqual([
      expect.objectContaining({ manager: 'me', operation: 'Apply' }),
    ]);
    expect(created.metadata?.generation).toBe(1);

    const again = await apply(approval(['ana']));
    expect(again.metadata?.resourceVersion).toBe(
      created.metadata?.resourceVersion,
    );

    const changed = await apply({
      ...approval(['ana', 'bo']),
      metadata: { name: 'gate-1', namespace: 'ci', labels: { team: 'ml' } },
    });
    expect(Number(changed.metadata?.resourceVersion)).toBeGreaterThan(
      Number(created.metadata?.resourceVersion),
    );
    expect(changed.metadata?.generation).toBe(2);
    expect(changed.metadata?.labels).toEqual({ env: 'prod', team: 'ml' });
    expect(server.get('approvaltasks', 'ci', 'gate-1')?.spec).toEqual({
      approvers: [
        { name: 'ana', input: 'pending' },
        { name: 'bo', input: 'pending' },
      ],
    });
  });

  it('refuses an apply without fieldManager, of another kind, or in a missing namespace', async () => {
    await expect(applyAs(undefined, approval(['ana']))).rejects.toMatchObject({
      code: 422,
      body: expect.stringContaining('fieldManager'),
    });
    await expect(apply(approval(['ana']))).rejects.toMatchObject({
      code: 404,
      body: expect.stringContaining('namespaces \\"ci\\" not found'),
    });
    server.put('namespaces', { metadata: { name: 'ci' } });
    const raw = await fetch(
      `${server.url}/apis/openshift-pipelines.org/v1alpha1/namespaces/ci/approvaltasks/gate-1?fieldManager=me`,
      {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${server.token}`,
          'content-type': 'application/apply-patch+yaml',
        },
        body: 'apiVersion: openshift-pipelines.org/v1alpha1\nkind: Pipeline\nmetadata:\n  name: gate-1\n',
      },
    );
    expect(raw.status).toBe(400);
    expect((await raw.json()).message).toContain('the kind in the data');
    expect(server.list('approvaltasks')).toEqual([]);
  });

  it('feeds a client-node informer on a registered group (list, then watch)', async () => {
    server.put('namespaces', { metadata: { name: 'ci' } });
    server.put('approvaltasks', approval(['ana']));
    const informer = await startInformer(kc, {
      group: 'openshift-pipelines.org',
      version: 'v1alpha1',
      plural: 'approvaltasks',
      namespace: 'ci',
    });
    try {
      await waitFor(() => informer.events.length === 1);
      await apply({
        ...approval(['ana']),
        metadata: { name: 'gate-2', namespace: 'ci' },
      });
      server.put('approvaltasks', {
        ...approval(['ana']),
        status: { state: 'approved' },
      });
      server.remove('approvaltasks', 'ci', 'gate-2');
      await waitFor(() => informer.events.length === 4);
      expect(informer.events).toEqual([
        'add ci/gate-1',
        'add ci/gate-2',
        'update ci/gate-1',
        'delete ci/gate-2',
      ]);
      expect(informer.names()).toEqual(['ci/gate-1']);
      expect(informer.errors).toEqual([]);
    } finally {
      await informer.stop();
    }
  });
});
