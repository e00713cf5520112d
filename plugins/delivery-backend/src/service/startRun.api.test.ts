import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { startApprovalBackend } from '../approvals/__testUtils__/approvalBackend';
import { makeRun } from '../database/testRuns';

/*
 * Starting a run from the portal: the pipelines a component ran, their declared params (read
 * live from the provider), and one new run with checked params, once per Idempotency-Key.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const ada = mockCredentials.user.header('user:default/ada');
const E = '/api/delivery/entities/component/default/payments-api';

const run = (uid: string, pipelineName: string, completedAt: string) =>
  makeRun({
    uid,
    provider: 'recording',
    entityRef: 'component:default/payments-api',
    pipelineName,
    createdAt: completedAt,
    startedAt: completedAt,
    completedAt,
  });

describe.each(databases.eachSupportedId())('start a run on %p', databaseId => {
  let started: Awaited<ReturnType<typeof startApprovalBackend>>;

  beforeAll(async () => {
    started = await startApprovalBackend(await databases.init(databaseId), {
      runs: [
        run('b1', 'build', '2026-11-01T10:00:00.000Z'),
        run('b2', 'build', '2026-11-02T10:00:00.000Z'),
        run('d1', 'deploy', '2026-11-01T12:00:00.000Z'),
      ],
    });
    started.provider.params = [
      {
        name: 'environment',
        type: 'string',
        options: ['dev', 'staging'],
        description: 'Where to',
      },
      { name: 'revision', type: 'string' },
      { name: 'debug', type: 'string', default: 'false' },
      { name: 'targets', type: 'array', default: ['all'] },
    ];
  });

  const start = (body: object, key?: string) => {
    const call = request(started.server)
      .post(`${E}/runs`)
      .set('Authorization', ada);
    return (key ? call.set('Idempotency-Key', key) : call).send(body);
  };

  it('lists the pipelines the component ran, newest first, with their newest run', async () => {
    const res = await request(started.server)
      .get(`${E}/pipelines`)
      .set('Authorization', ada)
      .expect(200);
    expect(res.body.items).toEqual([
      {
        provider: 'recording',
        pipelineName: 'build',
        latestRunUid: 'b2',
        latestRunAt: '2026-11-02T10:00:00.000Z',
        canStart: true,
      },
      {
        provider: 'recording',
        pipelineName: 'deploy',
        latestRunUid: 'd1',
        latestRunAt: '2026-11-01T12:00:00.000Z',
        canStart: true,
      },
    ]);
  });

  it('answers a pipeline definition with its declared params, or 404 naming what is unknown', async () => {
    const res = await request(started.server)
      .get(`${E}/pipelines/recording/build`)
      .set('Authorization', ada)
      .expect(200);
    expect(res.body).toEqual({
      provider: 'recording',
      pipelineName: 'build',
      params: started.provider.params,
      basedOnRunUid: 'b2',
    });
    const missing = await request(started.server)
      .get(`${E}/pipelines/recording/nightly`)
      .set('Authorization', ada)
      .expect(404);
    expect(missing.body.error.message).toBe(
      "component:default/payments-api has no run of pipeline 'nightly' from provider 'recording'; Slipway starts pipelines a component has run before",
    );
    const provider = await request(started.server)
      .get(`${E}/pipelines/jenkins/build`)
      .set('Authorization', ada)
      .expect(404);
    expect(provider.body.error.message).toContain("from provider 'jenkins'");
  });

  it('refuses params the pipeline does not take, lacks or restricts, and starts nothing', async () => {
    const before = started.provider.starts.length;
    const cases: Array<[object, string]> = [
      [
        { environment: 'dev' },
        "Pipeline 'build' needs a value for 'revision' (no default)",
      ],
      [
        { environment: 'dev', revision: 'abc', colour: 'red' },
        "Pipeline 'build' declares no param 'colour'; it takes environment, revision, debug, targets",
      ],
      [
        { environment: 'prod', revision: 'abc' },
        "Param 'environment' of 'build' must be one of dev, staging; got 'prod'",
      ],
      [
        { environment: 'dev', revision: 'abc', targets: 'unit' },
        "Param 'targets' of 'build' is a list, got a single value",
      ],
      [
        { environment: ['dev'], revision: 'abc' },
        "Param 'environment' of 'build' is a single value, got a list",
      ],
    ];
    for (const [params, message] of cases) {
      const res = await start({
        provider: 'recording',
        pipelineName: 'build',
        params,
      }).expect(400);
      expect(res.body.error.message).toBe(message);
    }
    const body = await start({
      provider: 'recording',
      pipeline: 'build',
    }).expect(400);
    expect(body.body.error.message).toContain('pipelineName');
    expect(started.provider.starts).toHaveLength(before);
  });

  it('starts one run where the newest run of the pipeline ran, as the user, once per key', async () => {
    const before = started.provider.starts.length;
    const body = {
      provider: 'recording',
      pipelineName: 'build',
      params: {
        revision: 'abc123',
        environment: 'staging',
        targets: ['unit', 'e2e'],
      },
    };
    const first = await start(body, 'start-1').expect(201);
    expect(first.body).toEqual({
      provider: 'recording',
      name: `build-run-${before + 1}`,
      uid: `started-${before + 1}`,
    });
    const again = await start(body, 'start-1').expect(201);
    expect(again.body).toEqual(first.body);
    expect(started.provider.starts.slice(before)).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        pipelineName: 'build',
        basedOn: expect.objectContaining({ uid: 'b2' }),
        // declaration order; defaults left to the provider
        params: [
          { name: 'environment', value: 'staging' },
          { name: 'revision', value: 'abc123' },
          { name: 'targets', value: ['unit', 'e2e'] },
        ],
        requestedBy: 'user:default/ada',
      }),
    ]);
    const audited = started.auditor.createEvent.mock.calls
      .map(([e]) => e.eventId)
      .filter(id => id === 'run-start');
    // the six refusals above and the two calls here
    expect(audited).toHaveLength(8);
  });
});
