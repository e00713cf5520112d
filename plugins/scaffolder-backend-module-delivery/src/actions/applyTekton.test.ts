import { createMockDirectory } from '@backstage/backend-test-utils';
import type { JsonValue } from '@backstage/types';
import { FakeKubeApiServer } from '@slipway/plugin-delivery-backend-module-tekton/testUtils';
import {
  SCAFFOLDER_USER,
  clusterConfig,
  recordingContext,
  startCluster,
} from '../__testUtils__/kubeCluster';
import { ownerOf, ownershipMetadata } from '../ownership/owner';
import { DEFAULT_ALLOWED_KINDS } from '../policy/readPolicy';
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

const TASK = `apiVersion: tekton.dev/v1
kind: Task
metadata:
  name: shop-test
spec:
  steps:
    - name: test
      image: python:3.12
      script: pytest
`;

const TRIGGERS = `apiVersion: triggers.tekton.dev/v1beta1
kind: TriggerBinding
metadata:
  name: shop-push
spec:
  params:
    - { name: git-revision, value: $(body.after) }
---
apiVersion: triggers.tekton.dev/v1beta1
kind: TriggerTemplate
metadata:
  name: shop-run
  namespace: shop-ci
spec:
  params:
    - name: git-revision
---
# an empty document, as editors leave them
---
apiVersion: triggers.tekton.dev/v1beta1
kind: EventListener
metadata:
  name: shop-listener
spec:
  serviceAccountName: shop-pipeline
  triggers:
    - bindings: [{ ref: shop-push }]
      template: { ref: shop-run }
`;

describe('delivery:tekton:apply', () => {
  let server: FakeKubeApiServer;
  const workspace = createMockDirectory();

  beforeEach(async () => {
    server = await startCluster();
    // the CI namespace as delivery:environments:create left it, in this task
    server.put('namespaces', {
      metadata: {
        name: 'shop-ci',
        ...ownershipMetadata(
          ownerOf({ task: { id: 'mock-task-id' } }, INPUT.entityRef),
        ),
      },
    });
    server.requests.length = 0;
    workspace.setContent({
      '.tekton': {
        'pipeline.yaml': PIPELINE,
        'triggers.yaml': TRIGGERS,
        tasks: { 'test.yml': TASK, 'README.md': '# not a manifest' },
      },
      'ci/pipelinerun.yaml': 'apiVersion: tekton.dev/v1\nkind: PipelineRun\n',
    });
  });

  afterEach(async () => {
    await server.close();
  });

  const run = async (
    input: Record<string, unknown> = INPUT,
    options: { dryRun?: boolean; delivery?: Record<string, JsonValue> } = {},
  ) => {
    const config = clusterConfig(server, { scaffolder: options.delivery });
    const action = createApplyTektonAction({ config });
    const recorded = recordingContext(input as typeof INPUT, {
      dryRun: options.dryRun,
      workspacePath: workspace.path,
    });
    await action.handler(recorded.ctx);
    return recorded.outputs();
  };

  const versions = () =>
    [
      'pipelines',
      'tasks',
      'triggerbindings',
      'triggertemplates',
      'eventlisteners',
    ].flatMap(plural =>
      server
        .list(plural, 'shop-ci')
        .map(o => `${o.kind}/${o.metadata.name}@${o.metadata.resourceVersion}`),
    );

  it('applies every manifest under .tekton to the CI namespace and outputs the listener URL', async () => {
    const out = await run();
    expect(out.eventListenerUrl).toBe(
      'http://el-shop-listener.shop-ci.svc.cluster.local:8080',
    );
    // files in path order, documents in file order; the empty one skipped
    expect(
      out.applied.map((o: { kind: string; result: string }) => [
        o.kind,
        o.result,
      ]),
    ).toEqual([
      ['Pipeline', 'created'],
      ['Task', 'created'],
      ['TriggerBinding', 'created'],
      ['TriggerTemplate', 'created'],
      ['EventListener', 'created'],
    ]);
    expect(server.get('pipelines', 'shop-ci', 'shop-pipeline')?.spec).toEqual({
      tasks: [{ name: 'test', taskRef: { name: 'shop-test' } }],
    });
    expect(
      server.get('eventlisteners', 'shop-ci', 'shop-listener')?.spec,
    ).toMatchObject({ serviceAccountName: 'shop-pipeline' });
    expect(server.get('tasks', 'shop-ci', 'shop-test')).toBeDefined();
    expect(server.list('pipelineruns')).toEqual([]); // ci/ is not applied
    // the namespace existed: every object is checked by a dry run first, then
    // applied; never with force, always with the scaffolder's own token
    const writes = server.writeRequests();
    expect(writes).toHaveLength(10);
    for (const [i, write] of writes.entries()) {
      expect(write).toMatchObject({
        method: 'PATCH',
        contentType: 'application/apply-patch+yaml',
        query: { fieldManager: 'slipway-scaffolder' },
        user: SCAFFOLDER_USER,
      });
      expect(write.query.force).not.toBe('true');
      expect(write.query.dryRun).toBe(i < 5 ? 'All' : undefined);
    }
    // and every object names its owner and the template run
    expect(
      server.get('pipelines', 'shop-ci', 'shop-pipeline')?.metadata,
    ).toMatchObject({
      labels: {
        'slipway.dev/owner-entity': 'component.default.shop',
        'slipway.dev/scaffolder-task': 'mock-task-id',
      },
      annotations: {
        'slipway.dev/owner-entity-ref': 'component:default/shop',
        'slipway.dev/scaffolder-task-id': 'mock-task-id',
      },
    });
  });

  it('is idempotent, and a changed manifest updates only that object', async () => {
    await run();
    const first = versions();
    const again = await run();
    expect(versions()).toEqual(first);
    expect(
      new Set(again.applied.map((o: { result: string }) => o.result)),
    ).toEqual(new Set(['unchanged']));

    workspace.addContent({
      '.tekton/tasks/test.yml': TASK.replace('pytest', 'pytest -x'),
    });
    const changed = await run();
    expect(
      changed.applied
        .filter((o: { result: string }) => o.result !== 'unchanged')
        .map((o: { kind: string; result: string }) => [o.kind, o.result]),
    ).toEqual([['Task', 'updated']]);
    const after = versions();
    expect(after.filter(v => !first.includes(v))).toEqual([
      expect.stringMatching(/^Task\/shop-test@/),
    ]);
  });

  it('reports the plan in a dry run without contacting the cluster', async () => {
    const out = await run(INPUT, { dryRun: true });
    expect(server.requests).toEqual([]);
    expect(out.applied).toHaveLength(5);
    expect(out.applied[4]).toEqual({
      apiVersion: 'triggers.tekton.dev/v1beta1',
      kind: 'EventListener',
      namespace: 'shop-ci',
      name: 'shop-listener',
      result: 'planned',
    });
    expect(out.eventListenerUrl).toBe(
      'http://el-shop-listener.shop-ci.svc.cluster.local:8080',
    );
  });

  it('uses the configured public URL template', async () => {
    const out = await run(INPUT, {
      delivery: {
        eventListenerUrlTemplate:
          'https://hooks.example.com/{cluster}/{namespace}/{name}',
      },
    });
    expect(out.eventListenerUrl).toBe(
      'https://hooks.example.com/local/shop-ci/shop-listener',
    );
  });

  it('fails on an unknown kind before writing anything, naming the kind', async () => {
    // listed, so discovery is what refuses them
    const delivery = {
      allowedKinds: [
        ...DEFAULT_ALLOWED_KINDS,
        'example.com/Widget',
        'tekton.dev/StepAction',
      ],
    };
    workspace.addContent({
      '.tekton/widget.yaml':
        'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
    });
    await expect(run(INPUT, { delivery })).rejects.toThrow(
      "Unknown kind Widget (apiVersion example.com/v1): cluster 'local' does not serve it",
    );
    workspace.addContent({
      '.tekton/widget.yaml':
        'apiVersion: tekton.dev/v1\nkind: StepAction\nmetadata:\n  name: w\n',
    });
    await expect(run(INPUT, { delivery })).rejects.toThrow(
      'Unknown kind StepAction',
    );
    expect(server.writeRequests()).toEqual([]);
  });

  it('refuses manifests for another namespace and malformed YAML, naming the file', async () => {
    workspace.addContent({
      '.tekton/other.yaml':
        'apiVersion: tekton.dev/v1\nkind: Task\nmetadata:\n  name: t\n  namespace: prod\n',
    });
    await expect(run()).rejects.toThrow(
      ".tekton/other.yaml: Task t is in namespace 'prod', not 'shop-ci'",
    );
    workspace.addContent({ '.tekton/other.yaml': 'kind: [unclosed' });
    await expect(run()).rejects.toThrow(
      '.tekton/other.yaml document 1 is not valid YAML',
    );
    await expect(run({ ...INPUT, sourcePath: 'missing' })).rejects.toThrow(
      'missing does not exist in the workspace',
    );
    expect(server.writeRequests()).toEqual([]);
  });
});
