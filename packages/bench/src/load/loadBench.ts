import { mockCredentials } from '@backstage/backend-test-utils';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { baseUrl, measuredRequest } from '../lib/http';
import { progress } from '../lib/log';
import { scratchSqlite } from '../lib/scratchDatabase';
import { componentEntity, startSlipwayPortal } from '../pipelines/portals';

const DEMO_SERVICES = [
  'payments-api',
  'checkout-web',
  'fraud-model',
  'ledger-service',
  'notification-service',
];

/** One route under load at a fixed rate. */
export interface LoadTarget {
  name: string;
  path: string;
  rate: number;
}

/**
 * Runs autocannon in a child process (so the load generator does not share the backend's event
 * loop) at a fixed overall rate for `seconds`, and reads its JSON result.
 */
async function autocannon(url: string, rate: number, seconds: number) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      require.resolve('autocannon/autocannon.js'),
      '--json',
      '--connections',
      '20',
      '--overallRate',
      String(rate),
      '--duration',
      String(seconds),
      '--headers',
      `authorization=${mockCredentials.user.header()}`,
      url,
    ],
    { maxBuffer: 16 * 2 ** 20, env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return JSON.parse(stdout);
}

/**
 * A backend with the demo data of the local portal (five services, `days` of history with
 * commits and incidents) on SQLite, served on 127.0.0.1; each target under load in turn.
 */
export async function loadBench(options: {
  seconds: number;
  days: number;
  targets: (service: string) => LoadTarget[];
}) {
  const db = await scratchSqlite();
  const backend = await startSlipwayPortal({
    knex: db.knex,
    entities: DEMO_SERVICES.map(componentEntity),
    delivery: {
      demoData: {
        enabled: true,
        days: options.days,
        entities: DEMO_SERVICES.map(name => ({
          entityRef: `component:default/${name}`,
          ...(name === 'fraud-model' ? { pipeline: 'ml' } : {}),
        })),
      },
    },
  });
  try {
    const url = baseUrl(backend.server);
    const results: Record<string, unknown> = {};
    for (const target of options.targets(DEMO_SERVICES[0])) {
      const check = await measuredRequest(`${url}${target.path}`);
      progress(
        `load ${target.name}: ${target.rate}/s for ${options.seconds} s`,
      );
      const r = await autocannon(
        `${url}${target.path}`,
        target.rate,
        options.seconds,
      );
      results[target.name] = {
        path: target.path,
        ratePerSecond: target.rate,
        seconds: options.seconds,
        requests: r.requests.total,
        ok2xx: r['2xx'],
        errors: r.errors + r.timeouts + r.non2xx,
        latencyP50Ms: r.latency.p50,
        latencyP99Ms: r.latency.p99,
        latencyMaxMs: r.latency.max,
        responseBytes: check.bytes,
      };
    }
    return results;
  } finally {
    await backend.stop();
    await db.drop();
  }
}
