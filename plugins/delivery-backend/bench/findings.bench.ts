/*
 * Findings benchmark: upload-to-stored (decode → detect → parse → one-transaction lifecycle on
 * SQLite) for the largest SARIF fixture and a synthetic N-finding Trivy report, first import and
 * re-import, against a baseline measured in the same run: raw better-sqlite3 prepared inserts of
 * the same rows in one transaction.
 *
 *   npm run bench:findings -- --findings 50000 --repeat 3
 */
import { mockServices } from '@backstage/backend-test-utils';
import Database from 'better-sqlite3';
import fs from 'fs';
import knexFactory from 'knex';
import os from 'os';
import path from 'path';
import { builtinFindingParsers } from '../src/findings/builtinParsers';
import { DatabaseFindingsStore } from '../src/findings/DatabaseFindingsStore';
import { decodeReport, parseReport } from '../src/findings/decodeReport';
import { reportedColumns } from '../src/findings/findingRows';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

function syntheticTrivy(n: number): Buffer {
  const vulns = Array.from({ length: n }, (_, i) => ({
    VulnerabilityID: `CVE-2026-${String(i).padStart(6, '0')}`,
    PkgName: `pkg-${i % 997}`,
    InstalledVersion: `1.${i % 13}.${i % 7}`,
    FixedVersion: `1.${i % 13}.${(i % 7) + 1}`,
    Severity: ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'][i % 5],
    Title: `Synthetic vulnerability ${i}`,
  }));
  return Buffer.from(
    JSON.stringify({
      SchemaVersion: 2,
      ArtifactName: 'registry.example.com/app:1',
      ArtifactType: 'container_image',
      Results: [
        {
          Target: 'registry.example.com/app:1 (alpine 3.20)',
          Class: 'os-pkgs',
          Type: 'alpine',
          Vulnerabilities: vulns,
        },
      ],
    }),
  );
}

async function measure(body: Buffer, file: string) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  const store = await DatabaseFindingsStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  const upload = async () => {
    const start = process.hrtime.bigint();
    const report = parseReport(
      decodeReport(body, 1 << 30),
      builtinFindingParsers,
      {},
    );
    await store.recordScan({
      entityRef: 'component:default/bench',
      tool: report.tool,
      report,
      now: new Date(),
    });
    return { ms: ms(start), report };
  };
  const first = await upload();
  const again = await upload();
  await knex.destroy();
  return { firstMs: first.ms, reimportMs: again.ms, report: first.report };
}

async function baseline(
  report: Awaited<ReturnType<typeof measure>>['report'],
  file: string,
) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  await DatabaseFindingsStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  await knex.destroy();
  const db = new Database(file);
  const now = Date.now();
  const rows = report.findings.map(f => ({
    entity_ref: 'component:default/bench',
    tool: report.tool,
    target: f.target,
    fingerprint: f.fingerprint,
    ...reportedColumns(f, report.toolVersion),
    report_suppressed: f.suppression ? 1 : 0,
    status: 'open',
    first_seen_at: now,
    last_seen_at: now,
  }));
  const unique = [
    ...new Map(
      rows.map(r => [`${r.target}\u0000${r.fingerprint}`, r]),
    ).values(),
  ];
  const cols = Object.keys(unique[0]);
  const start = process.hrtime.bigint();
  const insert = db.prepare(
    `INSERT INTO delivery_findings (${cols.join(',')}) VALUES (${cols
      .map(() => '?')
      .join(',')})`,
  );
  db.transaction(() => unique.forEach(r => insert.run(Object.values(r))))();
  const took = ms(start);
  db.close();
  return took;
}

async function main() {
  const n = arg('findings', 50000);
  const repeat = arg('repeat', 3);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'slipway-findings-bench-'));
  const big = path.resolve(
    __dirname,
    '../../../../shared/fixtures/security/sarif-semgrep-0.17-owasp-benchmark.big.sarif',
  );
  const cases: Array<[string, Buffer]> = [
    [`synthetic-trivy-${n}`, syntheticTrivy(n)],
  ];
  if (fs.existsSync(big))
    cases.unshift([
      'sarif-semgrep-0.17-owasp-benchmark.big.sarif',
      fs.readFileSync(big),
    ]);
  const results = [];
  for (const [name, body] of cases) {
    const first: number[] = [];
    const reimport: number[] = [];
    const base: number[] = [];
    let findings = 0;
    for (let i = 0; i < repeat; i++) {
      const m = await measure(body, path.join(tmp, `${name}-${i}.sqlite`));
      first.push(m.firstMs);
      reimport.push(m.reimportMs);
      findings = m.report.findings.length;
      base.push(
        await baseline(m.report, path.join(tmp, `${name}-base-${i}.sqlite`)),
      );
    }
    results.push({
      report: name,
      bytes: body.length,
      findings,
      uploadToStoredMedianMs: Math.round(median(first)),
      reimportMedianMs: Math.round(median(reimport)),
      baselineRawInsertMedianMs: Math.round(median(base)),
      ratioUploadToBaseline: Number((median(first) / median(base)).toFixed(1)),
      samplesMs: {
        upload: first.map(Math.round),
        reimport: reimport.map(Math.round),
        baseline: base.map(Math.round),
      },
    });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(
    `${JSON.stringify(
      { benchmark: 'findings-upload', node: process.version, repeat, results },
      null,
      2,
    )}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
