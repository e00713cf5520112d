import {
  ApisApi,
  CoreV1Api,
  CustomObjectsApi,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  VersionApi,
} from '@kubernetes/client-node';
import { FakeKubeApiServer } from './FakeKubeApiServer';
import { kubeConfigFor, run } from './testKube';

const group = 'tekton.dev';
const plural = 'pipelineruns';

describe('FakeKubeApiServer (request/response routes)', () => {
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

  it('answers 401 without the right bearer token', async () => {
    await start({ token: 'secret' });
    for (const token of [undefined, 'wrong']) {
      const anonymous = kubeConfigFor(server.url, token).makeApiClient(
        CustomObjectsApi,
      );
      await expect(
        anonymous.listClusterCustomObject({ group, version: 'v1', plural }),
      ).rejects.toMatchObject({ code: 401 });
    }
    await expect(
      api.listClusterCustomObject({ group, version: 'v1', plural }),
    ).resolves.toMatchObject({ kind: 'PipelineRunList' });
    expect(server.requests.map(r => r.path)).toEqual([
      '/apis/tekton.dev/v1/pipelineruns',
      '/apis/tekton.dev/v1/pipelineruns',
      '/apis/tekton.dev/v1/pipelineruns',
    ]);
  });

  it.each([
    [['v1'], 'v1beta1'],
    [['v1beta1'], 'v1'],
    [['v1', 'v1beta1'], 'v2'],
  ] as const)('serves discovery for versions %j', async (served, missing) => {
    await start({ servedVersions: [...served] });
    const kc = kubeConfigFor(server.url, server.token);
    const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
    const tekton = groups.groups.find(g => g.name === group);
    expect(tekton?.versions.map(v => v.version)).toEqual(served);
    expect(tekton?.preferredVersion?.groupVersion).toBe(
      `tekton.dev/${served[0]}`,
    );

    const resources = await api.getAPIResources({ group, version: served[0] });
    expect(resources.groupVersion).toBe(`tekton.dev/${served[0]}`);
    expect(resources.resources.filter(r => !r.name.includes('/'))).toEqual([
      expect.objectContaining({
        name: 'pipelineruns',
        kind: 'PipelineRun',
        namespaced: true,
      }),
      expect.objectContaining({ name: 'taskruns', kind: 'TaskRun' }),
      expect.objectContaining({ name: 'customruns', kind: 'CustomRun' }),
    ]);
    await expect(
      api.getAPIResources({ group, version: missing }),
    ).rejects.toMatchObject({
      code: 404,
    });

    // KubernetesObjectApi discovers the resource before reading it
    server.put('taskruns', run('ci', 'tr-1'));
    const read = await KubernetesObjectApi.makeApiClient(kc).read({
      apiVersion: `tekton.dev/${served[0]}`,
      kind: 'TaskRun',
      metadata: { name: 'tr-1', namespace: 'ci' },
    });
    expect(read).toMatchObject({
      apiVersion: `tekton.dev/${served[0]}`,
      kind: 'TaskRun',
    });
  });

  it('lists cluster-wide and per namespace with label selectors', async () => {
    await start();
    server.put(plural, run('a', 'web-1', { app: 'web', tier: 'front' }));
    server.put(plural, run('a', 'api-1', { app: 'api' }));
    server.put(plural, run('b', 'web-2', { app: 'web' }));
    server.put('taskruns', run('a', 'task-1', { app: 'web' }));

    const all = await api.listClusterCustomObject({
      group,
      version: 'v1beta1',
      plural,
    });
    expect(all.kind).toBe('PipelineRunList');
    expect(all.metadata.resourceVersion).toBe(server.resourceVersion());
    expect(
      all.items.map((i: { metadata: { name: string } }) => i.metadata.name),
    ).toEqual(['api-1', 'web-1', 'web-2']);
    expect(all.items[0]).toMatchObject({
      apiVersion: 'tekton.dev/v1beta1',
      kind: 'PipelineRun',
    });

    const names = async (labelSelector: string) =>
      (
        await api.listNamespacedCustomObject({
          group,
          version: 'v1',
          namespace: 'a',
          plural,
          labelSelector,
        })
      ).items.map((i: { metadata: { name: string } }) => i.metadata.name);
    expect(await names('app=web')).toEqual(['web-1']);
    expect(await names('app==api')).toEqual(['api-1']);
    expect(await names('app!=web')).toEqual(['api-1']);
    expect(await names('tier')).toEqual(['web-1']);
    expect(await names('!tier')).toEqual(['api-1']);
    expect(await names('app in (web,api),tier notin (back)')).toEqual([
      'api-1',
      'web-1',
    ]);
    await expect(names('app=(')).rejects.toMatchObject({ code: 400 });
    expect(server.requests[1].query).toEqual({ labelSelector: 'app=web' });
  });

  it('serves pod logs as text and 404s unknown pods', async () => {
    await start();
    const core = kubeConfigFor(server.url, server.token).makeApiClient(
      CoreV1Api,
    );
    server.setPodLog('ci', 'pr-1-pod', 'step-build', 'line 1\nline 2\n');
    server.setPodLog('ci', 'pr-1-pod', 'step-test', 'ok\n');
    const read = (extra: {
      container?: string;
      tailLines?: number;
      follow?: boolean;
    }) =>
      core.readNamespacedPodLog({
        namespace: 'ci',
        name: 'pr-1-pod',
        ...extra,
      });

    await expect(read({ container: 'step-build' })).resolves.toBe(
      'line 1\nline 2\n',
    );
    await expect(read({ container: 'step-build', tailLines: 1 })).resolves.toBe(
      'line 2\n',
    );
    await expect(read({ container: 'step-test', follow: true })).resolves.toBe(
      'ok\n',
    );
    expect(server.requests.at(-1)).toMatchObject({
      path: '/api/v1/namespaces/ci/pods/pr-1-pod/log',
      query: { container: 'step-test', follow: 'true' },
    });
    await expect(read({})).rejects.toMatchObject({ code: 400 });
    await expect(
      core.readNamespacedPodLog({
        namespace: 'ci',
        name: 'gone',
        container: 'step-build',
      }),
    ).rejects.toMatchObject({
      code: 404,
      body: expect.stringContaining('pods \\"gone\\" not found'),
    });
  });

  it('applies tailLines, then limitBytes to the head of those lines, and validates both like the API server', async () => {
    await start();
    const core = kubeConfigFor(server.url, server.token).makeApiClient(
      CoreV1Api,
    );
    server.setPodLog('ci', 'p', 'step-a', 'one\ntwo\nthree\nfour\n');
    server.setPodLog('ci', 'p', 'step-b', 'añb\n');
    const read = (query: { tailLines?: number; limitBytes?: number }) =>
      core.readNamespacedPodLog({
        namespace: 'ci',
        name: 'p',
        container: 'step-a',
        ...query,
      });

    await expect(read({ limitBytes: 6 })).resolves.toBe('one\ntw');
    await expect(read({ tailLines: 2, limitBytes: 7 })).resolves.toBe(
      'three\nf',
    );
    await expect(read({ tailLines: 2, limitBytes: 100 })).resolves.toBe(
      'three\nfour\n',
    );
    await expect(read({ tailLines: 0 })).resolves.toBe('');
    // bytes, not characters: the cut may split a UTF-8 character
    await expect(
      core.readNamespacedPodLog({
        namespace: 'ci',
        name: 'p',
        container: 'step-b',
        limitBytes: 2,
      }),
    ).resolves.toBe('a\ufffd');
    await expect(read({ limitBytes: 0 })).rejects.toMatchObject({
      code: 422,
      body: expect.stringContaining('limitBytes: Invalid value: 0'),
    });
    await expect(read({ tailLines: -1 })).rejects.toMatchObject({
      code: 422,
    });
  });

  it('fails only the requests matching a pattern when given one', async () => {
    await start();
    server.failNextRequests(1, 409, /^PATCH /);
    await expect(
      api.listClusterCustomObject({ group, version: 'v1', plural }),
    ).resolves.toMatchObject({ items: [] });
    server.put('pipelineruns', run('ci', 'a'));
    await expect(
      api.patchNamespacedCustomObject(
        {
          group,
          version: 'v1',
          plural,
          namespace: 'ci',
          name: 'a',
          body: { spec: { status: 'Cancelled' } },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      ),
    ).rejects.toMatchObject({ code: 409 });
  });

  it('fails the next N requests on any route, then recovers', async () => {
    await start();
    server.failNextRequests(3);
    for (let i = 0; i < 3; i++) {
      await expect(
        api.listClusterCustomObject({ group, version: 'v1', plural }),
      ).rejects.toMatchObject({ code: 500 });
    }
    await expect(
      api.listClusterCustomObject({ group, version: 'v1', plural }),
    ).resolves.toMatchObject({ items: [] });
    server.failNextRequests(1, 503);
    await expect(
      api.getAPIResources({ group, version: 'v1' }),
    ).rejects.toMatchObject({ code: 503 });
    await expect(
      api.getAPIResources({ group, version: 'v1' }),
    ).resolves.toBeDefined();
  });

  it('serves /version and offers a ready KubeConfig', async () => {
    await start();
    const info = await server.kubeConfig().makeApiClient(VersionApi).getCode();
    expect(info).toMatchObject({
      major: '1',
      gitVersion: expect.stringMatching(/^v1\./),
    });
    expect(server.requests.at(-1)?.path).toBe('/version'); // client-node strips the trailing slash of '/version/'
  });
});
