import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { doraDeploy, startDoraBackend } from './__testUtils__/doraBackend';

/*
 * DORA reads only the window and the lookback its rules need (EventsStore.loadRecords). These
 * cases put the deciding record before that lookback could naively end; every expected number is
 * computed by hand from DORA.md. Window [2026-11-01, 2026-11-08), maxIncidentLagHours 48.
 */

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const H = 3600;
const api = 'component:default/api';
const ledger = 'component:default/ledger';
const web = 'component:default/web';
const window = 'from=2026-11-01T00:00:00Z&to=2026-11-08T00:00:00Z';

const change = (entityRef: string, sha: string, day: string) => ({
  entityRef,
  sha,
  authoredAt: `2026-${day}Z`,
});
const deploy = (
  entityRef: string,
  id: string,
  day: string,
  commitSha: string,
  version: string,
) => doraDeploy(entityRef, id, `2026-${day}Z`, commitSha, version);
const incident = (id: string, start: string, end: string) => ({
  id,
  entityRef: ledger,
  startedAt: `2026-${start}Z`,
  resolvedAt: `2026-${end}Z`,
});

describe.each(databases.eachSupportedId())(
  'DORA lookback on %p',
  databaseId => {
    async function start() {
      const knex = await databases.init(databaseId);
      const { server, post } = await startDoraBackend(knex, {
        config: { delivery: { dora: { maxIncidentLagHours: 48 } } },
      });
      // api: e1 shipped a1, a2; e1r rolled back to a0 just before the window, so the latest
      // deployment before `from` does not show how far the push chain was shipped. In the window
      // e3 rolls back to v1.5, last deployed by e05 three weeks before it.
      await post('changes', [change(api, 'a000', '10-01T00:00:00')]);
      await post('deployments', [
        deploy(api, 'e0', '10-02T00:00:00', 'a000', 'v1'),
      ]);
      await post('changes', [change(api, 'a050', '10-09T00:00:00')]);
      await post('deployments', [
        deploy(api, 'e05', '10-10T00:00:00', 'a050', 'v1.5'),
      ]);
      await post('changes', [
        change(api, 'a111', '10-20T00:00:00'),
        change(api, 'a222', '10-21T00:00:00'),
      ]);
      await post('deployments', [
        deploy(api, 'e1', '10-21T12:00:00', 'a222', 'v2'),
        deploy(api, 'e1r', '10-31T23:00:00', 'a000', 'v1'),
      ]);
      await post('changes', [change(api, 'a333', '11-01T10:00:00')]);
      await post('deployments', [
        deploy(api, 'e2', '11-01T12:00:00', 'a333', 'v3'),
        deploy(api, 'e3', '11-03T00:00:00', 'a050', 'v1.5'),
      ]);
      // ledger: f05 fails (n0, 6 h later) a week before the window and recovers in it; f1, just
      // before the window, fails by the lag fallback of n1, which starts in the window.
      await post('changes', [change(ledger, 'b000', '10-01T00:00:00')]);
      await post('deployments', [
        deploy(ledger, 'f0', '10-02T00:00:00', 'b000', 'v1'),
      ]);
      await post('changes', [change(ledger, 'b050', '10-24T00:00:00')]);
      await post('deployments', [
        deploy(ledger, 'f05', '10-25T00:00:00', 'b050', 'v2'),
      ]);
      await post('changes', [change(ledger, 'b111', '10-31T10:00:00')]);
      await post('deployments', [
        deploy(ledger, 'f1', '10-31T20:00:00', 'b111', 'v3'),
      ]);
      await post('changes', [change(ledger, 'b222', '11-01T20:00:00')]);
      await post('deployments', [
        deploy(ledger, 'f2', '11-02T00:00:00', 'b222', 'v4'),
      ]);
      await post('incidents', [
        incident('n0', '10-25T06:00:00', '11-01T12:00:00'),
        incident('n1', '11-01T06:00:00', '11-01T08:00:00'),
      ]);
      // web: w1 was pushed two months before the window and shipped in it, by h1.
      await post('changes', [change(web, 'w000', '06-01T00:00:00')]);
      await post('deployments', [
        deploy(web, 'h0', '06-02T00:00:00', 'w000', 'v1'),
      ]);
      await post('changes', [
        change(web, 'w111', '09-01T00:00:00'),
        change(web, 'w222', '11-01T12:00:00'),
      ]);
      await post('deployments', [
        deploy(web, 'h1', '11-02T00:00:00', 'w222', 'v2'),
      ]);
      const get = async (path: string) => {
        const res = await request(server)
          .get(`/api/delivery${path}`)
          .set('Authorization', mockCredentials.user.header());
        expect(res.status).toBe(200);
        return res.body;
      };
      return get;
    }

    it('does not ship again what a deployment before the window shipped, and sees older rollback targets', async () => {
      const get = await start();
      const body = await get(`/entities/component/default/api/dora?${window}`);
      expect(body).toMatchObject({
        deploymentCount: 2, // e2, e3
        leadTimeSampleCount: 1, // a3 only: a1 and a2 went out with e1 (10-21)
        leadTimeMedianSeconds: 2 * H, // a3 11-01 10:00 → e2 12:00
        reworkDeploymentCount: 1, // e3 deploys v1.5 (e05, 10-10) again after v3
        deploymentReworkRate: 0.5,
      });
      expect(body.drillDown.leadTimeSamples).toEqual([
        { sha: 'a333', deploymentId: 'e2', seconds: 2 * H },
      ]);
      expect(body.drillDown.reworkDeployments).toEqual(['e3']);
      expect(body.warnings).toEqual([]);
    });

    it('attributes incidents to deployments before the window and samples their recovery in it', async () => {
      const get = await start();
      const body = await get(
        `/entities/component/default/ledger/dora?${window}`,
      );
      expect(body).toMatchObject({
        deploymentCount: 1, // f2
        leadTimeSampleCount: 1,
        leadTimeMedianSeconds: 4 * H, // b2 11-01 20:00 → f2 11-02 00:00
        failedDeploymentCount: 0, // f05 and f1 failed before the window
        changeFailureRate: 0,
        // f1: n1 resolved 11-01 08:00 − 10-31 20:00 = 12 h; f05: n0 resolved 11-01 12:00 −
        // 10-25 00:00 = 180 h; median of the two
        failedDeploymentRecoveryTimeMedianSeconds: 96 * H,
        // n1 2 h, n0 10-25 06:00 → 11-01 12:00 = 174 h
        timeToRestoreServiceMedianSeconds: 88 * H,
        bands: { recoveryTime: 'medium' },
      });
      expect(body.drillDown.recoverySamples).toEqual([
        { deploymentId: 'f1', seconds: 12 * H },
        { deploymentId: 'f05', seconds: 180 * H },
      ]);
    });

    it('samples a commit pushed long before the window at the deployment in it that shipped it', async () => {
      const get = await start();
      const body = await get(`/entities/component/default/web/dora?${window}`);
      // w1 09-01 → h1 11-02 = 62 days = 1488 h; w2 12 h; median 750 h
      expect(body).toMatchObject({
        deploymentCount: 1,
        leadTimeSampleCount: 2,
        leadTimeMedianSeconds: 750 * H,
        bands: { leadTime: 'low' },
      });
      const records = await get(
        `/entities/component/default/web/dora/records?${window}`,
      );
      expect(records.changes.map((c: { sha: string }) => c.sha)).toEqual([
        'w111',
        'w222',
      ]);
    });

    it('pools entities with different lookbacks', async () => {
      const get = await start();
      const body = await get(
        `/dora?entityRefs=${api},${ledger},${web}&${window}`,
      );
      expect(body).toMatchObject({
        deploymentCount: 4,
        leadTimeSampleCount: 4, // 2 h, 4 h, 12 h, 1488 h
        leadTimeMedianSeconds: 8 * H,
        failedDeploymentCount: 0,
        changeFailureRate: 0,
        failedDeploymentRecoveryTimeMedianSeconds: 96 * H,
        reworkDeploymentCount: 1,
        deploymentReworkRate: 0.25,
      });
    });
  },
);
