import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { pipelineRunWithTasks } from '../provider/testObjects';
import { FakeKubeApiServer, waitFor } from '../testing';
import { listEntityRuns, startTestPortal } from './__testUtils__/testPortal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('run actions against the Kubernetes-protocol server', () => {
  let kube: FakeKubeApiServer;
  afterEach(async () => kube?.close());

  it('reads step logs from the pod, reruns from the old spec and cancels through spec.status', async () => {
    kube = await FakeKubeApiServer.start();
    const done = pipelineRunWithTasks({
      name: 'done',
      kubernetesId: 'payments-api',
      outcome: 'failed',
      minute: 1,
    });
    const live = pipelineRunWithTasks({
      name: 'live',
      kubernetesId: 'payments-api',
      outcome: 'running',
      minute: 2,
    });
    for (const { pipelineRun, taskRuns } of [done, live]) {
      for (const taskRun of taskRuns) {
        kube.put('taskruns', taskRun);
      }
      kube.put('pipelineruns', pipelineRun);
    }
    kube.setPodLog('ci', 'done-test-pod', 'step-run', 'npm test\n1 failing\n');
    const server = await startTestPortal(
      kube,
      await databases.init('SQLITE_3'),
    );
    const auth = mockCredentials.user.header();
    await waitFor(
      async () => (await listEntityRuns(server)).length === 2,
      'two runs',
      10_000,
    );

    const logs = await request(server)
      .get('/api/delivery/runs/uid-done/tasks/test/logs')
      .set('Authorization', auth);
    expect(logs.status).toBe(200);
    expect(logs.body.steps).toEqual([
      { name: 'run', container: 'step-run', log: 'npm test\n1 failing\n' },
    ]);
    const gone = await request(server)
      .get('/api/delivery/runs/uid-done/tasks/build/logs')
      .set('Authorization', auth);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toContain("pod 'done-build-pod'");

    const rerun = await request(server)
      .post('/api/delivery/runs/uid-done/rerun')
      .set('Authorization', auth);
    expect(rerun.status).toBe(201);
    const created = kube.get('pipelineruns', 'ci', rerun.body.name);
    expect(created?.metadata.labels).toMatchObject({
      'slipway.dev/rerun-of': 'uid-done',
      'backstage.io/kubernetes-id': 'payments-api',
    });
    expect(created?.metadata.annotations?.['slipway.dev/requested-by']).toBe(
      mockCredentials.user().principal.userEntityRef,
    );
    expect((created as { spec?: unknown }).spec).toEqual({
      pipelineRef: { name: 'build-and-test' },
    });
    await waitFor(
      async () => (await listEntityRuns(server)).length === 3,
      'the rerun ingested',
      5000,
    );

    const cancel = await request(server)
      .post('/api/delivery/runs/uid-live/cancel')
      .set('Authorization', auth);
    expect(cancel.status).toBe(202);
    expect(
      (kube.get('pipelineruns', 'ci', 'live') as { spec?: { status?: string } })
        .spec?.status,
    ).toBe('Cancelled');
    const patch = kube.requests.find(r => r.method === 'PATCH');
    expect(patch?.contentType).toBe('application/merge-patch+json');
  });
});
