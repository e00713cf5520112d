import { ParsedFinding } from '@slipway/plugin-delivery-node';
import { Knex } from 'knex';
import { FindingRow, reportedColumns, SEVERITY_RANK } from './findingRows';
import { ScanInput, ScanOutcome } from './FindingsStore';

const CHUNK = 300;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK)
    out.push(items.slice(i, i + CHUNK));
  return out;
}

const key = (target: string, fingerprint: string) =>
  `${target}\u0000${fingerprint}`;

/** A report may repeat a finding: keep one per (target, fingerprint), the most severe. */
function dedupe(findings: ParsedFinding[]): Map<string, ParsedFinding> {
  const byKey = new Map<string, ParsedFinding>();
  for (const f of findings) {
    const k = key(f.target, f.fingerprint);
    const seen = byKey.get(k);
    if (!seen || SEVERITY_RANK[f.severity] > SEVERITY_RANK[seen.severity])
      byKey.set(k, f);
  }
  return byKey;
}

/** The reported columns that differ from the stored row (a re-import mostly changes nothing). */
function changedColumns(
  row: FindingRow,
  columns: ReturnType<typeof reportedColumns>,
): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(columns)) {
    const stored = row[name as keyof FindingRow];
    const same =
      typeof value === 'boolean'
        ? Boolean(stored) === value
        : (stored ?? null) === value;
    if (!same) changed[name] = value;
  }
  return changed;
}

/**
 * Applies one scan to the findings of its (entity, tool, target) scopes, inside `tx`:
 * new findings are opened, fixed ones that return are reopened, findings the scan no longer
 * reports are fixed — but only when the scan completed and may close findings (`closes`). Every change is appended to the history.
 */
export async function recordScan(
  tx: Knex.Transaction,
  input: ScanInput,
): Promise<ScanOutcome> {
  const { entityRef, tool, runUid, report, now } = input;
  const closes = input.closes ?? true;
  const reported = dedupe(report.findings);
  const scopes = [
    ...new Set([...report.targets, ...report.findings.map(f => f.target)]),
  ];

  const existing = new Map<string, FindingRow>();
  for (const part of chunks(scopes)) {
    const rows = await tx<FindingRow>('delivery_findings')
      .where({ entity_ref: entityRef, tool })
      .whereIn('target', part);
    rows.forEach(r => existing.set(key(r.target, r.fingerprint), r));
  }

  const events: Array<{
    finding_id: number | string;
    event: string;
    at: Date;
    run_uid: string | null;
  }> = [];
  const seenIds: Array<number | string> = [];
  const inserts: object[] = [];
  let reopened = 0;
  for (const [k, finding] of reported) {
    const row = existing.get(k);
    const columns = reportedColumns(finding, report.toolVersion);
    if (!row) {
      inserts.push({
        entity_ref: entityRef,
        tool,
        target: finding.target,
        fingerprint: finding.fingerprint,
        ...columns,
        status: 'open',
        first_seen_at: now,
        last_seen_at: now,
        last_run_uid: runUid ?? null,
      });
      continue;
    }
    seenIds.push(row.id);
    const update: Record<string, unknown> = changedColumns(row, columns);
    if (row.status === 'fixed') {
      Object.assign(update, {
        status: 'reopened',
        fixed_at: null,
        fixed_run_uid: null,
      });
      events.push({
        finding_id: row.id,
        event: 'reopened',
        at: now,
        run_uid: runUid ?? null,
      });
      reopened++;
    }
    if (Object.keys(update).length > 0) {
      await tx('delivery_findings').where('id', row.id).update(update);
    }
  }
  for (const part of chunks(seenIds)) {
    await tx('delivery_findings')
      .whereIn('id', part)
      .update({ last_seen_at: now, last_run_uid: runUid ?? null });
  }
  for (const part of chunks(inserts)) {
    await tx('delivery_findings').insert(part);
  }
  if (inserts.length > 0) {
    const fingerprints = [...reported.values()]
      .filter(f => !existing.has(key(f.target, f.fingerprint)))
      .map(f => f.fingerprint);
    for (const part of chunks([...new Set(fingerprints)])) {
      const created = await tx<FindingRow>('delivery_findings')
        .where({ entity_ref: entityRef, tool })
        .whereIn('fingerprint', part)
        .where('first_seen_at', now)
        .select('id');
      created.forEach(r =>
        events.push({
          finding_id: r.id,
          event: 'opened',
          at: now,
          run_uid: runUid ?? null,
        }),
      );
    }
  }

  let fixed = 0;
  if (report.complete && closes) {
    const gone = [...existing.entries()]
      .filter(([k, row]) => !reported.has(k) && row.status !== 'fixed')
      .map(([, row]) => row.id);
    for (const part of chunks(gone)) {
      await tx('delivery_findings')
        .whereIn('id', part)
        .update({
          status: 'fixed',
          fixed_at: now,
          fixed_run_uid: runUid ?? null,
        });
    }
    gone.forEach(id =>
      events.push({
        finding_id: id,
        event: 'fixed',
        at: now,
        run_uid: runUid ?? null,
      }),
    );
    fixed = gone.length;
  }
  for (const part of chunks(events)) {
    await tx('delivery_finding_events').insert(part);
  }

  const outcome = {
    new: inserts.length,
    fixed,
    reopened,
    suppressedInReport: [...reported.values()].filter(f => f.suppression)
      .length,
  };
  const [scan] = await tx('delivery_scans')
    .insert({
      entity_ref: entityRef,
      tool,
      format: report.format,
      run_uid: runUid ?? null,
      complete: report.complete,
      uploaded_by: input.uploadedBy ?? null,
      closes_findings: closes,
      received_at: now,
      summary: JSON.stringify({ targets: scopes, ...outcome }),
    })
    .returning('id');
  return {
    scanId: String(typeof scan === 'object' ? scan.id : scan),
    ...outcome,
  };
}
