import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import {
  doraChange as change,
  doraDeploy as deploy,
  startDoraBackend,
} from './__testUtils__/doraBackend';

/*
 * DORA through the HTTP API, on records posted through /events/*. Every expected number is
 * computed by hand below from DORA.md. Window [2026-11-01, 2026-11-08), 7 days.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const H = 3600;

const ledger = 'component:default/ledger';
const api = 'component:default/api';
const entity = (
  kind: string,
  name: string,
  relations: Array<[string, string]>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

describe.each(databases.eachSupportedId())('DORA API on %p', databaseId => {
  async function start() {
    const knex = await databases.init(databaseId);
    const { server, post } = await startDoraBackend(knex, {
      entities: [
        entity('Group', 'platform', [['parentOf', 'group:default/payments']]),
        entity('Group', 'payments', [['childOf', 'group:default/platform']]),
        entity('Component', 'ledger', [['ownedBy', 'group:default/platform']]),
        entity('Component', 'api', [['ownedBy', 'group:default/payments']]),
      ],
    });
    // ledger: c0 → first deployment d0 (not sampled); c1, c2, merge m1 → d1 fails, d2 ships them;
    // c3 → d3 (then two incidents); d4 to staging; d5 rolls back to v2.
    await post('changes', [change(ledger, 'c0000', '2026-10-30T10:00:00Z')]);
    await post('deployments', [
      deploy(ledger, 'd0', '2026-10-31T12:00:00Z', 'c0000', 'v1'),
    ]);
    await post('changes', [
      change(ledger, 'c1111', '2026-11-01T08:00:00Z'),
      change(ledger, 'c2222', '2026-11-01T09:00:00Z'),
      change(ledger, 'm1111', '2026-11-01T09:30:00Z', true),
    ]);
    await post('deployments', [
      deploy(ledger, 'd1', '2026-11-01T12:00:00Z', 'c2222', 'v2', 'failed'),
      deploy(ledger, 'd2', '2026-11-01T13:00:00Z', 'm1111', 'v2'),
    ]);
    await post('changes', [change(ledger, 'c3333', '2026-11-03T10:00:00Z')]);
    await post('deployments', [
      deploy(ledger, 'd3', '2026-11-03T16:00:00Z', 'c3333', 'v3'),
      deploy(
        ledger,
        'd4',
        '2026-11-04T10:00:00Z',
        'c3333',
        'v3',
        'success',
        'staging',
      ),
      deploy(ledger, 'd5', '2026-11-06T10:00:00Z', 'c3333', 'v2'),
    ]);
    await post('incidents', [
      {
        id: 'i1',
        entityRef: ledger,
        startedAt: '2026-11-03T17:00:00Z',
        resolvedAt: '2026-11-03T19:00:00Z',
        causedByDeploymentId: 'd3',
      },
      {
        id: 'i2',
        entityRef: ledger,
        startedAt: '2026-11-05T09:00:00Z',
        resolvedAt: '2026-11-05T10:00:00Z',
      },
    ]);
    // api: first deployment e0, then c1' shipped by e1 10 h after it was authored.
    await post('changes', [change(api, 'a0000', '2026-10-30T00:00:00Z')]);
    await post('deployments', [
      deploy(api, 'e0', '2026-10-31T00:00:00Z', 'a0000', 'v1'),
    ]);
    await post('changes', [change(api, 'a1111', '2026-11-02T00:00:00Z')]);
    await post('deployments', [
      deploy(api, 'e1', '2026-11-02T10:00:00Z', 'a1111', 'v2'),
    ]);
    return server;
  }

  const window = 'from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z';

  it('computes every metric of one entity as DORA.md defines it', async () => {
    const server = await start();
    const res = await request(server)
      .get(
        `/api/delivery/entities/component/default/ledger/dora?${window}&series=week`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      windowDays: 7,
      deploymentCount: 3, // d2, d3, d5 (d1 failed, d4 staging, d0 before the window)
      deploymentsPerDay: 3 / 7,
      deploymentDays: 3, // 11-01, 11-03, 11-06
      leadTimeSampleCount: 3, // c1 5 h, c2 4 h (d2), c3 6 h (d3); m1 is a merge; c0 went with the first deployment
      leadTimeMedianSeconds: 5 * H,
      failedDeploymentCount: 1, // d3: i1 by link, i2 by the latest-before rule
      changeFailureRate: 1 / 3,
      failedDeploymentRecoveryTimeMedianSeconds: 42 * H, // max(resolvedAt) 11-05 10:00 − d3 11-03 16:00
      timeToRestoreServiceMedianSeconds: 1.5 * H, // i1 2 h, i2 1 h → mean of the two
      reworkDeploymentCount: 1, // d5 deploys v2 again after v3
      deploymentReworkRate: 1 / 3,
      bands: {
        deploymentFrequency: 'high',
        leadTime: 'elite',
        changeFailureRate: 'low',
        recoveryTime: 'medium',
      },
    });
    expect(res.body.drillDown.deployments.sort()).toEqual(['d2', 'd3', 'd5']);
    expect(
      res.body.drillDown.leadTimeSamples
        .map((s: { sha: string }) => s.sha)
        .sort(),
    ).toEqual(['c1111', 'c2222', 'c3333']);
    expect(res.body.series).toHaveLength(1);

    const records = await request(server)
      .get(
        `/api/delivery/entities/component/default/ledger/dora/records?${window}`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(
      records.body.deployments.map((d: { id: string }) => d.id).sort(),
    ).toEqual(['d1', 'd2', 'd3', 'd4', 'd5']);
    expect(records.body.incidents).toHaveLength(2);

    // c1 and c2 were authored before noon on 11-01 but shipped by d2 at 13:00, inside this
    // window; the merge m1 (09:30) is not a sample, so it stays out.
    const afternoon = await request(server)
      .get(
        '/api/delivery/entities/component/default/ledger/dora/records?from=2026-11-01T12:00:00Z&to=2026-11-08T00:00:00Z',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(
      afternoon.body.changes.map((c: { sha: string }) => c.sha).sort(),
    ).toEqual(['c1111', 'c2222', 'c3333']);
  });

  it('answers the roll-up drill-down only when asked', async () => {
    const server = await start();
    const get = (query: string) =>
      request(server)
        .get(
          `/api/delivery/dora?owner=group:default/platform&${window}${query}`,
        )
        .set('Authorization', mockCredentials.user.header());
    const summary = await get('&series=week');
    expect(summary.status).toBe(200);
    expect(summary.body).not.toHaveProperty('drillDown');
    expect(summary.body.series).toHaveLength(1);

    const full = await get('&series=week&drillDown=true');
    expect(full.status).toBe(200);
    // ledger d2, d3, d5 (d1 failed, d4 staging, d0 before the window) and api e1
    expect(full.body.drillDown.deployments.sort()).toEqual([
      'd2',
      'd3',
      'd5',
      'e1',
    ]);
    // c1111, c2222 by d2 (m1111 is a merge), c3333 by d3, a1111 by e1
    expect(
      full.body.drillDown.leadTimeSamples
        .map((s: { sha: string }) => s.sha)
        .sort(),
    ).toEqual(['a1111', 'c1111', 'c2222', 'c3333']);
    const { drillDown: _, ...rest } = full.body;
    expect(rest).toEqual(summary.body);

    expect((await get('&drillDown=yes')).status).toBe(400);
  });

  it('pools a team and its child teams, never averaging', async () => {
    const server = await start();
    const team = await request(server)
      .get(`/api/delivery/dora?owner=group:default/platform&${window}`)
      .set('Authorization', mockCredentials.user.header());
    expect(team.status).toBe(200);
    expect(team.body.entityRefs.sort()).toEqual([api, ledger]);
    // samples 4 h, 5 h, 6 h, 10 h → median 5.5 h; the average of the medians would be 7.5 h
    expect(team.body).toMatchObject({
      deploymentCount: 4,
      leadTimeSampleCount: 4,
      leadTimeMedianSeconds: 5.5 * H,
      changeFailureRate: 1 / 4,
    });

    const listed = await request(server)
      .get(`/api/delivery/dora?entityRefs=component:default/api&${window}`)
      .set('Authorization', mockCredentials.user.header());
    expect(listed.body).toMatchObject({
      deploymentCount: 1,
      leadTimeMedianSeconds: 10 * H,
      changeFailureRate: 0,
    });

    const bad = await request(server)
      .get(`/api/delivery/dora?${window}`)
      .set('Authorization', mockCredentials.user.header());
    expect(bad.status).toBe(400);
    const backwards = await request(server)
      .get(
        '/api/delivery/entities/component/default/ledger/dora?from=2026-11-08T00:00:00Z&to=2026-11-01T00:00:00Z',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(backwards.status).toBe(400);
  });

  it('answers null where a metric is undefined, and bounds the incident lag when configured', async () => {
    const knex = await databases.init(databaseId);
    const { server, post } = await startDoraBackend(knex, {
      config: { delivery: { dora: { maxIncidentLagHours: 1 } } },
    });
    const user = mockCredentials.user.header();
    const empty = await request(server)
      .get(`/api/delivery/entities/component/default/nothing/dora?${window}`)
      .set('Authorization', user);
    expect(empty.body).toMatchObject({
      deploymentCount: 0,
      deploymentsPerDay: 0,
      leadTimeMedianSeconds: null,
      changeFailureRate: null,
      failedDeploymentRecoveryTimeMedianSeconds: null,
      timeToRestoreServiceMedianSeconds: null,
      deploymentReworkRate: null,
      bands: { changeFailureRate: null, leadTime: null, recoveryTime: null },
    });

    // An unlinked incident 3 h after the only deployment is beyond the 1 h lag: no failure.
    await post('deployments', [
      deploy(ledger, 'x0', '2026-10-20T00:00:00Z', 'c0000', 'v1'),
      deploy(ledger, 'x1', '2026-11-02T00:00:00Z', 'c0000', 'v2'),
    ]);
    await post('incidents', [
      {
        id: 'late',
        entityRef: ledger,
        startedAt: '2026-11-02T03:00:00Z',
        resolvedAt: '2026-11-02T04:00:00Z',
      },
    ]);
    const res = await request(server)
      .get(`/api/delivery/entities/component/default/ledger/dora?${window}`)
      .set('Authorization', user);
    expect(res.body).toMatchObject({
      deploymentCount: 1,
      failedDeploymentCount: 0,
      changeFailureRate: 0,
      timeToRestoreServiceMedianSeconds: 1 * H,
    });
  });
});
