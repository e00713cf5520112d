import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { writeDoraData } from '../../bench/generate/writeDoraData';
import { DatabaseDeliveryStore } from '../database/DatabaseDeliveryStore';
import { DoraOptions, DoraWindow } from '../dora';
import { DatabaseEventsStore } from '../events/DatabaseEventsStore';
import { doraReport, pooledDoraSummary } from './doraReport';

/*
 * A pooled roll-up computed chunk by chunk (partials merged) must equal the one-shot computation
 * over all records, field by field, with chunk borders between every entity (chunk size 1), every
 * other entity (2) and none (50). Data: the seeded benchmark generator at a small size.
 */

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const DAY = 86_400_000;
const FROM = new Date('2026-01-01T00:00:00Z');
const OPTIONS: DoraOptions & { series: 'week' } = {
  productionEnvironments: ['production'],
  maxIncidentLagSeconds: 48 * 3600,
  series: 'week',
};
const refs = Array.from(
  { length: 5 },
  (_, i) => `component:default/svc-${String(i).padStart(5, '0')}`,
);
const whole: DoraWindow = {
  from: FROM,
  to: new Date(FROM.getTime() + 120 * DAY),
};
// starts mid-history: lookbacks and recoveries of earlier failures matter
const middle: DoraWindow = {
  from: new Date(FROM.getTime() + 45 * DAY),
  to: new Date(FROM.getTime() + 75 * DAY),
};

async function oneShot(
  events: DatabaseEventsStore,
  window: DoraWindow,
  options = OPTIONS,
) {
  const { report } = await doraReport(events, refs, window, options);
  const { drillDown, ...summary } = report;
  return { drillDown, summary };
}

describe.each(databases.eachSupportedId())(
  'chunked DORA roll-ups on %p',
  databaseId => {
    let knex: Knex;
    let events: DatabaseEventsStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await DatabaseDeliveryStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await writeDoraData(knex, {
        services: refs.length,
        seed: 11,
        from: FROM,
        days: 120,
      });
      events = new DatabaseEventsStore(knex);
    });

    // the whole history has the first-deployment notes of every entity, the middle none
    it.each([
      ['whole', whole, refs.length],
      ['middle', middle, 0],
    ] as const)(
      'equals the one-shot computation in the %s window for chunks of 1, 2 and 50 entities',
      async (_, window, warnings) => {
        const { summary } = await oneShot(events, window);
        // the data exercises every pooled field, so a wrong merge shows
        expect(summary.deploymentCount).toBeGreaterThan(20);
        expect(summary.deploymentDays).toBeLessThan(summary.deploymentCount);
        expect(summary.leadTimeSampleCount).toBeGreaterThan(20);
        expect(summary.failedDeploymentCount).toBeGreaterThan(0);
        expect(
          summary.failedDeploymentRecoveryTimeMedianSeconds,
        ).not.toBeNull();
        expect(summary.timeToRestoreServiceMedianSeconds).not.toBeNull();
        expect(summary.warnings.length).toBeGreaterThanOrEqual(warnings);
        expect(summary.series!.length).toBeGreaterThan(3);
        for (const chunk of [1, 2, 50]) {
          const pooled = await pooledDoraSummary(
            events,
            refs,
            window,
            OPTIONS,
            chunk,
          );
          expect(pooled).toStrictEqual(summary);
        }
      },
    );

    it('falls back to one read when a record links a deployment of another chunk', async () => {
      const window = middle;
      const target: { id: string } = await knex('delivery_deployments')
        .where({ entity_ref: refs[3], status: 'success' })
        .where('finished_at', '>=', window.from)
        .where('finished_at', '<', window.to)
        .orderBy('finished_at')
        .first('id');
      await knex('delivery_incidents').insert({
        id: 'cross-entity',
        entity_ref: refs[0],
        started_at: new Date(window.from.getTime() + 20 * DAY),
        resolved_at: new Date(window.from.getTime() + 21 * DAY),
        caused_by_deployment_id: target.id,
      });
      const { summary, drillDown } = await oneShot(events, window);
      // the one-shot read resolves the link: refs[3]'s deployment failed through it
      expect(
        drillDown.failedDeployments.find(f => f.deploymentId === target.id)
          ?.incidentIds,
      ).toContain('cross-entity');
      for (const chunk of [1, 2]) {
        expect(
          await pooledDoraSummary(events, refs, window, OPTIONS, chunk),
        ).toStrictEqual(summary);
      }
    });
  },
);
