import {
  ApisApi,
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  V1Deployment,
  setHeaderOptions,
  PatchStrategy,
} from '@kubernetes/client-node';
import { FakeKubeApiServer } from './FakeKubeApiServer';
import { allKubeResources, kubeResources } from './resourceDefinitions';
import { kubeConfigFor } from './testKube';

const deployment = (replicas: number): V1Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { spec: { containers: [{ name: 'web', image: 'web:1' }] } },
  },
});

describe('FakeKubeApiServer (registered resource types)', () => {
  let server: FakeKubeApiServer;
  let kc: KubeConfig;
  let core: CoreV1Api;

  beforeEach(async () => {
    server = await FakeKubeApiServer.start({ resources: allKubeResources });
    kc = kubeConfigFor(server.url, server.token);
    core = kc.makeApiClient(CoreV1Api);
  });

  afterEach(async () => {
    await server.close();
  });

  it('serves discovery for the core group and every registered group', async () => {
    const coreList = await core.getAPIResources();
    expect(coreList.groupVersion).toBe('v1');
    const coreNames = coreList.resources.map(r => r.name);
    expect(coreNames).toEqual(
      expect.arrayContaining(['namespaces', 'secrets', 'limitranges']),
    );
    expect(coreList.resources.find(r => r.name === 'namespaces')).toEqual(
      expect.objectContaining({ kind: 'Namespace', namespaced: false }),
    );

    const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
    const versionsOf = (name: string) =>
      groups.groups.find(g => g.name === name)?.versions.map(v => v.version);
    // Tekton runs come first (v1, v1beta1); pipelines and tasks add nothing new
    expect(versionsOf('tekton.dev')).toEqual(['v1', 'v1beta1']);
    expect(versionsOf('apps')).toEqual(['v1']);
    expect(versionsOf('rbac.authorization.k8s.io')).toEqual(['v1']);
    expect(versionsOf('triggers.tekton.dev')).toEqual(['v1beta1']);
    expect(versionsOf('serving.kserve.io')).toEqual(['v1beta1']);
    expect(versionsOf('openshift-pipelines.org')).toEqual(['v1alpha1']);

    const tektonV1beta1 = await fetch(`${server.url}/apis/tekton.dev/v1beta1`, {
      headers: { authorization: `Bearer ${server.token}` },
    }).then(r => r.json());
    expect(
      tektonV1beta1.resources
        .map((r: { name: string }) => r.name)
        .filter((n: string) => !n.includes('/')),
    ).toEqual(['pipelineruns', 'taskruns', 'customruns']);
  });

  it('creates cluster-scoped and namespaced objects, refusing duplicates and missing namespaces', async () => {
    await expect(
      core.createNamespacedServiceAccount({
        namespace: 'web-dev',
        body: { metadata: { name: 'deployer' } },
      }),
    ).rejects.toMatchObject({ code: 404 });

    const ns = await core.createNamespace({
      body: { metadata: { name: 'web-dev', labels: { tier: 'dev' } } },
    });
    expect(ns.metadata?.namespace).toBeUndefined();
    expect(ns.metadata?.labels).toEqual({
      tier: 'dev',
      'kubernetes.io/metadata.name': 'web-dev',
    });
    expect(ns.status?.phase).toBe('Active');
    await expect(
      core.createNamespace({ body: { metadata: { name: 'web-dev' } } }),
    ).rejects.toMatchObject({
      code: 409,
      body: expect.stringContaining('AlreadyExists'),
    });
    expect((await core.readNamespace({ name: 'web-dev' })).metadata?.uid).toBe(
      ns.metadata?.uid,
    );
    expect(server.get('namespaces', undefined, 'web-dev')).toBeDefined();

    const secret = await core.createNamespacedSecret({
      namespace: 'web-dev',
      body: { metadata: { name: 'hook' }, stringData: { token: 'abc' } },
    });
    expect(secret.data).toEqual({ token: 'YWJj' }); // base64 of 'abc'
    expect(secret.stringData).toBeUndefined();

    const listed = await core.listNamespace({ labelSelector: 'tier=dev' });
    expect(listed.items.map(i => i.metadata?.name)).toEqual(['web-dev']);
  });

  it('updates with PUT (409 when stale), merge and JSON patches, and deletes', async () => {
    await core.createNamespace({ body: { metadata: { name: 'web-dev' } } });
    const apps = kc.makeApiClient(AppsV1Api);
    const created = await apps.createNamespacedDeployment({
      namespace: 'web-dev',
      body: deployment(1),
    });
    expect(created.metadata?.generation).toBe(1);

    const replaced = await apps.replaceNamespacedDeployment({
      name: 'web',
      namespace: 'web-dev',
      body: {
        ...deployment(2),
        metadata: { ...created.metadata },
      },
    });
    expect(replaced.spec?.replicas).toBe(2);
    expect(replaced.metadata?.generation).toBe(2);
    await expect(
      apps.replaceNamespacedDeployment({
        name: 'web',
        namespace: 'web-dev',
        body: { ...deployment(3), metadata: { ...created.metadata } },
      }),
    ).rejects.toMatchObject({ code: 409 });

    const labelled = await apps.patchNamespacedDeployment(
      {
        name: 'web',
        namespace: 'web-dev',
        body: { metadata: { labels: { team: 'a' } } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    expect(labelled.metadata?.labels).toEqual({ app: 'web', team: 'a' });
    expect(labelled.metadata?.generation).toBe(2); // metadata only
    const scaled = await apps.patchNamespacedDeployment({
      name: 'web',
      namespace: 'web-dev',
      body: [{ op: 'replace', path: '/spec/replicas', value: 5 }],
    });
    expect(scaled.spec?.replicas).toBe(5);
    expect(scaled.metadata?.generation).toBe(3);

    await apps.deleteNamespacedDeployment({
      name: 'web',
      namespace: 'web-dev',
    });
    expect(server.list('deployments')).toEqual([]);
    expect(server.writeRequests().map(r => r.method)).toEqual([
      'POST',
      'POST',
      'PUT',
      'PUT',
      'PATCH',
      'PATCH',
      'DELETE',
    ]);
  });

  it('registers only what it is given, and refuses the same type twice', async () => {
    const small = await FakeKubeApiServer.start({
      resources: [kubeResources.approvalTasks],
    });
    try {
      const smallCore = kubeConfigFor(small.url, small.token).makeApiClient(
        CoreV1Api,
      );
      expect((await smallCore.getAPIResources()).resources).toEqual([]);
      // namespaces are not served, so creates do not check them
      small.put('approvaltasks', {
        metadata: { name: 'a', namespace: 'anywhere' },
      });
      expect(() => small.put('deployments', { metadata: {} })).toThrow(
        "does not serve 'deployments'",
      );
    } finally {
      await small.close();
    }
    await expect(
      FakeKubeApiServer.start({
        resources: [kubeResources.pipelines, kubeResources.pipelines],
      }),
    ).rejects.toThrow('registered twice');
  });
});
