import { Knex } from 'knex';
import { baseUrl, measuredRequest } from '../lib/http';
import { progress } from '../lib/log';
import { ScratchDatabase } from '../lib/scratchDatabase';
import { ratio, summarize, timed } from '../lib/stats';
import { startSlipwayPortal } from '../pipelines/portals';
import { serviceRef } from './runRows';
import { writeRuns } from './writeRuns';

interface Scenario {
  name: string;
  /** Query string of the runs API. */
  query: (cursor?: string) => string;
  /** The same page as a raw indexed query. */
  baseline: (q: Knex.QueryBuilder, cursor?: Position) => Knex.QueryBuilder;
  /** Position of the page in the service's history (rows skipped). */
  skip: number;
}

interface Position {
  sort_at: Date | number | string;
  uid: string;
}

const toDate = (v: Date | number | string) =>
  v instanceof Date ? v : new Date(v);

/** The cursor format of the runs API (base64url JSON [sortAt, uid]), for a deep position. */
function cursorFor(p: Position) {
  return Buffer.from(
    JSON.stringify([toDate(p.sort_at).toISOString(), p.uid]),
  ).toString('base64url');
}

function scenarios(runsPerService: number): Scenario[] {
  return [
    {
      name: 'firstPage',
      query: () => 'limit=25',
      baseline: q => q,
      skip: 0,
    },
    {
      name: 'deepPage',
      query: cursor => `limit=25&cursor=${cursor}`,
      baseline: (q, p) =>
        q.where(inner =>
          inner
            .where('sort_at', '<', toDate(p!.sort_at))
            .orWhere(tie =>
              tie
                .where('sort_at', '=', toDate(p!.sort_at))
                .andWhere('uid', '<', p!.uid),
            ),
        ),
      skip: Math.max(0, runsPerService - 100),
    },
    {
      name: 'statusFailed',
      query: () => 'limit=25&status=failed',
      baseline: q => q.whereIn('status', ['failed']),
      skip: 0,
    },
    {
      name: 'statusTimedOut',
      query: () => 'limit=25&status=timedOut',
      baseline: q => q.whereIn('status', ['timedOut']),
      skip: 0,
    },
  ];
}

/**
 * The runs API over real HTTP against a store holding `services × runsPerService` runs, per
 * scenario p50/p95 over `samples` different services, each against the same page read as a raw
 * indexed `SELECT … LIMIT 26` on the same table in the same run.
 */
export async function runsApiBench(
  db: ScratchDatabase,
  services: number,
  runsPerService: number,
  samples: number,
) {
  const backend = await startSlipwayPortal({ knex: db.knex, entities: [] });
  try {
    progress(
      `runs API (${db.kind}): writing ${services * runsPerService} runs`,
    );
    const written = await writeRuns(db.knex, services, runsPerService);
    progress(
      `runs API (${db.kind}): written in ${Math.round(written.ms / 1000)} s`,
    );
    const url = baseUrl(backend.server);
    const results: Record<string, unknown> = {};
    for (const scenario of scenarios(runsPerService)) {
      const api: number[] = [];
      const raw: number[] = [];
      for (let n = 0; n < samples + 1; n++) {
        const ref = serviceRef((n * 7) % services);
        const page = () =>
          db
            .knex('delivery_runs')
            .where('entity_ref', ref)
            .orderBy([
              { column: 'sort_at', order: 'desc' },
              { column: 'uid', order: 'desc' },
            ]);
        const position: Position | undefined = scenario.skip
          ? await page()
              .select('sort_at', 'uid')
              .offset(scenario.skip - 1)
              .first()
          : undefined;
        const name = ref.split('/')[1];
        const [rawMs, rows] = await timed(() =>
          scenario.baseline(page(), position).limit(26),
        );
        const answer = await measuredRequest(
          `${url}/api/delivery/entities/component/default/${name}/runs?${scenario.query(
            position && cursorFor(position),
          )}`,
        );
        const items = (answer.body as { items: Array<{ uid: string }> }).items;
        if (
          items[0]?.uid !== rows[0]?.uid ||
          items.length !== Math.min(25, rows.length)
        ) {
          throw new Error(
            `runs API and baseline disagree for ${scenario.name} of ${ref}`,
          );
        }
        if (n === 0) continue; // warm-up
        api.push(answer.ms);
        raw.push(rawMs);
      }
      const a = summarize(api);
      const b = summarize(raw);
      results[scenario.name] = {
        api: a,
        baselineRawSelect: b,
        ratioApiToBaseline: ratio(a, b),
      };
      progress(
        `runs API (${db.kind}) ${scenario.name}: p50 ${a.p50Ms} ms, baseline ${b.p50Ms} ms`,
      );
    }
    return { written, ...results };
  } finally {
    await backend.stop();
  }
}
