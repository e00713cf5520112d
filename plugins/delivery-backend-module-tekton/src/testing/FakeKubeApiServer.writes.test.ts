import {
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { FakeKubeApiServer } from './FakeKubeApiServer';
import { kubeConfigFor, run } from './testKube';

const group = 'tekton.dev';
const plural = 'pipelineruns';

describe('FakeKubeApiServer (writes)', () => {
  let server: FakeKubeApiServer;
  let api: CustomObjectsApi;

  const start = async (
    options?: Parameters<typeof FakeKubeApiServer.start>[0],
  ) => {
    server = await FakeKubeApiServer.start(options);
    api = kubeConfigFor(server.url, server.token).makeApiClient(
      CustomObjectsApi,
    );
  };

  afterEach(async () => {
    await server.close();
  });

  it('gets, creates (with generateName), refuses duplicates and deletes', async () => {
    await start();
    const created = await api.createNamespacedCustomObject({
      group,
      version: 'v1',
      namespace: 'ci',
      plural,
      body: {
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { generateName: 'build-', labels: { app: 'web' } },
        spec: { pipelineRef: { name: 'build' } },
        status: { ignored: true },
      },
    });
    const name: string = created.metadata.name;
    expect(name).toMatch(/^build-[a-z]{5}$/);
    expect(created.metadata).toMatchObject({
      namespace: 'ci',
      uid: expect.any(String),
    });
    expect(created.status).toBeUndefined(); // status is a subresource
    expect(server.get(plural, 'ci', name)?.spec).toEqual({
      pipelineRef: { name: 'build' },
    });

    const body = { metadata: { name }, spec: {} };
    await expect(
      api.createNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: 'ci',
        plural,
        body,
      }),
    ).rejects.toMatchObject({
      code: 409,
      body: expect.stringContaining('AlreadyExists'),
    });

    const fetched = await api.getNamespacedCustomObject({
      group,
      version: 'v1',
      namespace: 'ci',
      plural,
      name,
    });
    expect(fetched.metadata.resourceVersion).toBe(
      created.metadata.resourceVersion,
    );
    await expect(
      api.getNamespacedCustomObject({
        group,
        version: 'v1',
        namespace: 'ci',
        plural,
        name: 'nope',
      }),
    ).rejects.toMatchObject({
      code: 404,
      body: expect.stringContaining(
        'pipelineruns.tekton.dev \\"nope\\" not found',
      ),
    });

    await api.deleteNamespacedCustomObject({
      group,
      version: 'v1',
      namespace: 'ci',
      plural,
      name,
    });
    expect(server.get(plural, 'ci', name)).toBeUndefined();
  });

  it('merge-patches spec.status when asked for application/merge-patch+json', async () => {
    await start();
    const before = server.put(
      plural,
      run(
        'ci',
        'pr-1',
        {},
        { spec: { pipelineRef: { name: 'p' }, timeouts: { pipeline: '1h' } } },
      ),
    );
    const patched = await api.patchNamespacedCustomObject(
      {
        group,
        version: 'v1',
        namespace: 'ci',
        plural,
        name: 'pr-1',
        body: { spec: { status: 'Cancelled', timeouts: null } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(patched.spec).toEqual({
      pipelineRef: { name: 'p' },
      status: 'Cancelled',
    });
    expect(Number(patched.metadata.resourceVersion)).toBeGreaterThan(
      Number(before.metadata.resourceVersion),
    );
    expect(patched.metadata.uid).toBe(before.metadata.uid);
    expect(server.get(plural, 'ci', 'pr-1')?.spec).toEqual(patched.spec);
    expect(server.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      contentType: 'application/merge-patch+json',
    });
  });

  it('applies JSON patches, the content type client-node sends by default', async () => {
    await start();
    server.put(
      plural,
      run('ci', 'pr-1', { app: 'web' }, { spec: { params: [{ name: 'a' }] } }),
    );
    const target = {
      group,
      version: 'v1',
      namespace: 'ci',
      plural,
      name: 'pr-1',
    };
    const patched = await api.patchNamespacedCustomObject({
      ...target,
      body: [
        { op: 'add', path: '/spec/status', value: 'Cancelled' },
        { op: 'replace', path: '/metadata/labels/app', value: 'api' },
        { op: 'add', path: '/spec/params/-', value: { name: 'b' } },
        { op: 'remove', path: '/spec/params/0' },
      ],
    });
    expect(server.requests.at(-1)?.contentType).toBe(
      'application/json-patch+json',
    );
    expect(patched.spec).toEqual({
      status: 'Cancelled',
      params: [{ name: 'b' }],
    });
    expect(patched.metadata.labels).toEqual({ app: 'api' });
    // a merge-style body without the merge-patch header is not a JSON patch
    await expect(
      api.patchNamespacedCustomObject({
        ...target,
        body: { spec: { status: 'Cancelled' } },
      }),
    ).rejects.toMatchObject({ code: 400 });
    await expect(
      api.patchNamespacedCustomObject({
        ...target,
        body: [{ op: 'remove', path: '/spec/nothing' }],
      }),
    ).rejects.toMatchObject({ code: 422 });
  });

  it('behaves like a CRD with a status subresource and optimistic locking', async () => {
    await start();
    const kc = kubeConfigFor(server.url, server.token);
    const first = server.put(
      plural,
      run('ci', 'pr-1', {}, { status: { phase: 'Running' } }),
    );
    const target = {
      group,
      version: 'v1',
      namespace: 'ci',
      plural,
      name: 'pr-1',
    };
    const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

    const viaMain = await api.patchNamespacedCustomObject(
      { ...target, body: { status: { phase: 'Done' }, spec: { x: 1 } } },
      merge,
    );
    expect(viaMain.status).toEqual({ phase: 'Running' });
    const viaStatus = await api.patchNamespacedCustomObjectStatus(
      { ...target, body: { status: { phase: 'Done' }, spec: { x: 2 } } },
      merge,
    );
    expect(viaStatus).toMatchObject({
      status: { phase: 'Done' },
      spec: { x: 1 },
    });

    const stale = {
      metadata: { resourceVersion: first.metadata.resourceVersion },
      spec: { x: 3 },
    };
    await expect(
      api.patchNamespacedCustomObject({ ...target, body: stale }, merge),
    ).rejects.toMatchObject({ code: 409 });
    // KubernetesObjectApi.patch defaults to strategic merge, which CRDs refuse
    await expect(
      KubernetesObjectApi.makeApiClient(kc).patch({
        apiVersion: 'tekton.dev/v1',
        kind: 'PipelineRun',
        metadata: { name: 'pr-1', namespace: 'ci' },
      }),
    ).rejects.toMatchObject({ code: 415 });
  });
});
