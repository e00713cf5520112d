/*
 * `npm run bench`: Slipway's company-scale benchmarks (issue #9) in one run, printed as one JSON
 * object on stdout (progress on stderr).
 *
 *   npm run bench -- --quick                  a couple of minutes, to check the wiring
 *   npm run bench                             full size (see docs/benchmarks.md)
 *   npm run bench -- --only pipelines,runs    some sections: pipelines, runs, load, ingest,
 *                                             findings, dora
 *   npm run bench -- --db sqlite              runs API and DORA on SQLite only
 *   npm run bench -- --only pipelines --runs 20000 --repeat 5
 */
import os from 'node:os';
import { childBench } from './children';
import { loadBench } from './load/loadBench';
import { progress } from './lib/log';
import { scratchPostgres, scratchSqlite } from './lib/scratchDatabase';
import { pipelinesBench } from './pipelines/pipelinesBench';
import { runsApiBench } from './runsApi/runsApiBench';
import { BenchSize, FULL, QUICK } from './sizes';

const SECTIONS = ['pipelines', 'runs', 'load', 'ingest', 'findings', 'dora'];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function runsApiOn(kinds: string[], size: BenchSize) {
  const { services, runsPerService, samples } = size.runsApi;
  const out: Record<string, unknown> = { services, runsPerService };
  for (const kind of kinds) {
    const db =
      kind === 'sqlite' ? await scratchSqlite() : await scratchPostgres('runs');
    try {
      out[kind] = await runsApiBench(db, services, runsPerService, samples);
    } finally {
      await db.drop();
    }
  }
  return out;
}

async function main() {
  const quick = process.argv.includes('--quick') || option('size') === 'small';
  const size = quick ? QUICK : FULL;
  const only = (option('only') ?? SECTIONS.join(',')).split(',');
  const unknown = only.filter(s => !SECTIONS.includes(s));
  if (unknown.length)
    throw new Error(`unknown section(s) ${unknown.join(', ')}`);
  const hasPostgres = Boolean(
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
  );
  const db = option('db') ?? (hasPostgres ? 'both' : 'sqlite');
  const kinds = db === 'both' ? ['sqlite', 'postgres'] : [db];
  const started = Date.now();
  const sections: Record<string, () => Promise<unknown>> = {
    pipelines: () =>
      pipelinesBench(
        option('runs')?.split(',').map(Number) ?? size.pipelines.runs,
        Number(option('repeat') ?? size.pipelines.repeat),
      ),
    runs: () => runsApiOn(kinds, size),
    load: () =>
      loadBench({
        seconds: size.load.seconds,
        days: size.load.days,
        targets: service => [
          {
            name: 'runs',
            path: `/api/delivery/entities/component/default/${service}/runs?limit=25`,
            rate: size.load.runsRate,
          },
          {
            name: 'dora',
            path: `/api/delivery/entities/component/default/${service}/dora`,
            rate: size.load.doraRate,
          },
        ],
      }),
    ingest: () => childBench('ingest', size.children.ingest),
    findings: () => childBench('findings', size.children.findings),
    dora: () => childBench('dora', [...size.children.dora, '--db', db]),
  };
  const results: Record<string, unknown> = {};
  let failed = false;
  for (const name of SECTIONS.filter(s => only.includes(s))) {
    progress(`section ${name}`);
    try {
      results[name] = await sections[name]();
    } catch (error) {
      failed = true;
      results[name] = { error: String((error as Error)?.stack ?? error) };
      progress(`section ${name} failed: ${error}`);
    }
  }
  process.stdout.write(
    `${JSON.stringify(
      {
        benchmark: 'slipway-company-scale',
        size: size.name,
        node: process.version,
        machine: {
          cpus: os.cpus().length,
          memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        },
        databases: kinds,
        startedAt: new Date(started).toISOString(),
        seconds: Math.round((Date.now() - started) / 1000),
        ...results,
      },
      null,
      2,
    )}\n`,
  );
  if (failed) process.exitCode = 1;
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
