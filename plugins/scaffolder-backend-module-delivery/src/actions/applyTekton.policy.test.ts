import { createMockDirectory } from '@backstage/backend-test-utils';
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
import { ownerOf, ownershipMetadata } from '../ownership/owner';
import { createApplyTektonAction } from './applyTekton';

const INPUT = { namespace: 'shop-ci', entityRef: 'component:default/shop' };

const PIPELINE = `apiVersion: tekton.dev/v1
kind: Pipeline
metadata:
  name: shop-pipeline
spec:
  tasks:
    - name: test
      taskRef: { name: shop-test }
`;

const CLUSTER_ROLE_BINDING = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: shop-admin
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
subjects: [{ kind: ServiceAccount, name: shop-pipeline, namespace: shop-ci }]
`;

const CLUSTER_ROLE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: shop-reader
rules: [{ apiGroups: [''], resources: [configmaps], verbs: [get] }]
`;

/** Labels and annotations of objects owned by `entityRef` in task `taskId`. */
const owned = (entityRef: string, taskId = 'mock-task-id') =>
  ownershipMetadata(ownerOf({ task: { id: taskId } }, entityRef));

describe('delivery:tekton:apply: ownership and policy', () => {
  let server: FakeKubeApiServer;
  const workspace = createMockDirectory();

  beforeEach(async () => {
    server = await startCluster();
    server.put('namespaces', {
      metadata: { name: 'shop-ci', ...owned(INPUT.entityRef) },
    });
    server.requests.length = 0;
    workspace.setContent({ '.tekton': { 'pipeline.yaml': PIPELINE } });
  });

  afterEach(async () => {
    await server.close();
  });

  const run = async (
    input: Record<string, unknown> = INPUT,
    scaffolder?: JsonObject,
  ) => {
    const action = createApplyTektonAction({
      config: clusterConfig(server, { scaffolder }),
    });
    const recorded = recordingContext(input as typeof INPUT, {
      workspacePath: workspace.path,
    });
    await action.handler(recorded.ctx);
    return recorded;
  };

  it('refuses a cluster-scoped kind unless allowedClusterScopedKinds lists it, writing nothing', async () => {
    workspace.addContent({ '.tekton/admin.yaml': CLUSTER_ROLE_BINDING });
    await expect(run()).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        '.tekton/admin.yaml: ClusterRoleBinding shop-admin: kind rbac.authorization.k8s.io/ClusterRoleBinding is not in delivery.scaffolder.allowedKinds (tekton.dev/Pipeline, tekton.dev/Task, triggers.tekton.dev/TriggerBinding, triggers.tekton.dev/TriggerTemplate, triggers.tekton.dev/EventListener, apps/Deployment, Service, serving.kserve.io/InferenceService)',
    });
    expect(server.requests).toEqual([]);

    // listed among the namespaced kinds by mistake: discovery says cluster-scoped
    await expect(
      run(INPUT, {
        allowedKinds: [
          'tekton.dev/Pipeline',
          'rbac.authorization.k8s.io/ClusterRoleBinding',
        ],
      }),
    ).rejects.toThrow(
      '.tekton/admin.yaml: ClusterRoleBinding shop-admin: rbac.authorization.k8s.io/ClusterRoleBinding is cluster-scoped and not in delivery.scaffolder.allowedClusterScopedKinds',
    );
    expect(server.writeRequests()).toEqual([]);
    expect(server.list('clusterrolebindings')).toEqual([]);
    expect(server.list('pipelines')).toEqual([]);
  });

  it('applies a listed cluster-scoped kind without a namespace, labelled as owned, and refuses one that exists for another entity', async () => {
    workspace.addContent({ '.tekton/reader.yaml': CLUSTER_ROLE });
    const scaffolder = {
      allowedClusterScopedKinds: ['rbac.authorization.k8s.io/ClusterRole'],
    };
    await run(INPUT, scaffolder);
    const role = server.get('clusterroles', undefined, 'shop-reader');
    expect(role?.metadata.namespace).toBeUndefined();
    expect(role?.metadata.labels).toMatchObject({
      'slipway.dev/owner-entity': 'component.default.shop',
    });

    server.put('clusterroles', {
      metadata: { name: 'shop-reader', ...owned('component:default/other') },
      rules: [],
    });
    const before = JSON.stringify(server.list('clusterroles'));
    const writes = server.writeRequests().length;
    await expect(run(INPUT, scaffolder)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        '.tekton/reader.yaml: ClusterRole shop-reader belongs to component:default/other',
      ),
    });
    expect(server.writeRequests()).toHaveLength(writes);
    expect(JSON.stringify(server.list('clusterroles'))).toBe(before);
  });

  it('refuses kinds outside delivery.scaffolder.allowedKinds before contacting the cluster', async () => {
    workspace.addContent({
      '.tekton/secret.yaml':
        'apiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen\nstringData: { token: x }\n',
    });
    await expect(run()).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        '.tekton/secret.yaml: Secret stolen: kind Secret is not in delivery.scaffolder.allowedKinds',
      ),
    });
    expect(server.requests).toEqual([]);
  });

  it("refuses a CI namespace of another entity, another run, or without Slipway's labels, and a missing one, writing nothing", async () => {
    server.put('namespaces', {
      metadata: { name: 'other-ci', ...owned('component:default/other') },
    });
    server.put('namespaces', {
      metadata: { name: 'shop-ci', ...owned(INPUT.entityRef, 'another-task') },
    });
    server.put('namespaces', { metadata: { name: 'plain-ci' } });
    await expect(
      run({ ...INPUT, namespace: 'other-ci' }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        "namespace 'other-ci' belongs to component:default/other (scaffolder task mock-task-id), not to component:default/shop",
      ),
    });
    await expect(run()).rejects.toThrow(
      "namespace 'shop-ci' belongs to component:default/shop (scaffolder task another-task): another template run created it",
    );
    await expect(run({ ...INPUT, namespace: 'plain-ci' })).rejects.toThrow(
      "namespace 'plain-ci' exists and is not Slipway's",
    );
    await expect(run({ ...INPUT, namespace: 'missing-ci' })).rejects.toThrow(
      "Namespace 'missing-ci' does not exist on cluster 'local'; delivery:environments:create creates it",
    );
    await expect(run({ ...INPUT, namespace: 'kube-system' })).rejects.toThrow(
      "namespace 'kube-system' is reserved",
    );
    expect(server.writeRequests()).toEqual([]);
    expect(server.list('pipelines')).toEqual([]);
  });

  it('adopts a namespace delivery.scaffolder.adoptNamespaces lists, labelling it first', async () => {
    server.put('namespaces', {
      metadata: { name: 'plain-ci', labels: { team: 'shop' } },
    });
    const { outputs } = await run(
      { ...INPUT, namespace: 'plain-ci' },
      { adoptNamespaces: ['plain-ci'] },
    );
    expect(outputs().applied.map((o: { kind: string }) => o.kind)).toEqual([
      'Namespace',
      'Pipeline',
    ]);
    expect(
      server.get('namespaces', undefined, 'plain-ci')?.metadata.labels,
    ).toMatchObject({
      team: 'shop',
      'slipway.dev/owner-entity': 'component.default.shop',
    });
    expect(server.get('pipelines', 'plain-ci', 'shop-pipeline')).toBeDefined();
  });

  it('reports a conflict with another field manager and overwrites nothing', async () => {
    await run();
    // someone changed the pipeline by hand (kubectl edit)
    await KubernetesObjectApi.makeApiClient(server.kubeConfig()).patch(
      {
        apiVersion: 'tekton.dev/v1',
        kind: 'Pipeline',
        metadata: { name: 'shop-pipeline', namespace: 'shop-ci' },
        spec: { tasks: [{ name: 'hotfix', taskRef: { name: 'shop-test' } }] },
      } as KubernetesObject,
      undefined,
      undefined,
      'kubectl-edit',
      undefined,
      PatchStrategy.MergePatch,
    );
    const edited = JSON.stringify(
      server.get('pipelines', 'shop-ci', 'shop-pipeline'),
    );
    const writes = server.writeRequests().length;
    await expect(run()).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        'Applying Pipeline shop-ci/shop-pipeline to cluster \'local\' was refused: other field managers own fields it would change, and Slipway does not overwrite them: .spec.tasks (conflict with "kubectl-edit" using tekton.dev/v1)',
      ),
    });
    expect(
      JSON.stringify(server.get('pipelines', 'shop-ci', 'shop-pipeline')),
    ).toBe(edited);
    const since = server.writeRequests().slice(writes);
    expect(since.every(r => r.query.dryRun === 'All')).toBe(true);
  });
});
