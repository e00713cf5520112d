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

  it('answers the bounded tail of a long log, and maps cluster refusals and timeouts', async () => {
    kube = await FakeKubeApiServer.start();
    const live = pipelineRunWithTasks({
      name: 'live',
      kubernetesId: 'payments-api',
      outcome: 'running',
      minute: 2,
    });
    live.taskRuns.forEach(t => kube.put('taskruns', t));
    kube.put('pipelineruns', live.pipelineRun);
    const log = Array.from(
      { length: 5000 },
      (_, i) => `step output ${i}\n`,
    ).join('');
    kube.setPodLog('ci', 'live-test-pod', 'step-run', log);
    const server = await startTestPortal(
      kube,
      await databases.init('SQLITE_3'),
      { tekton: { requestTimeout: '500ms' } },
    );
    const auth = mockCredentials.user.header();
    await waitFor(
      async () => (await listEntityRuns(server)).length === 1,
      'the run',
      10_000,
    );

    const logs = await request(server)
      .get('/api/delivery/runs/uid-live/tasks/test/logs?limitBytes=1024')
      .set('Authorization', auth);
    expect(logs.status).toBe(200);
    expect(logs.body.steps).toEqual([
      {
        name: 'run',
        container: 'step-run',
        log: Buffer.from(log).subarray(-1024).toString(),
        truncated: true,
      },
    ]);

    const cancel = () =>
      request(server)
        .post('/api/delivery/runs/uid-live/cancel')
        .set('Authorization', auth);
    kube.failNextRequests(1, 403, /^PATCH /);
    const forbidden = await cancel();
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toBe(
      "Cancelling PipelineRun ci/live in cluster 'local': the cluster refused Slipway's service account (HTTP 403)",
    );
    kube.failNextRequests(1, 409, /^PATCH /);
    const conflict = await cancel();
    expect(conflict.status).toBe(409);
    for (const res of [forbidden, conflict]) {
      expect(JSON.stringify(res.body)).not.toMatch(
        /content-type|injected failure|Headers/i,
      );
    }

    kube.trackRequests(/\/pods\/live-test-pod\/log$/, 2_000);
    const slow = await request(server)
      .get('/api/delivery/runs/uid-live/tasks/test/logs')
      .set('Authorization', auth);
    expect(slow.status).toBe(503);
    expect(slow.body.error.message).toContain(
      'the cluster did not answer in time',
    );
  });
});
