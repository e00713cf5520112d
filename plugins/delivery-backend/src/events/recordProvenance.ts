import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';

/** Deployment ids Slipway derives from pipeline runs; the events API may not write them. */
export const RUN_DEPLOYMENT_PREFIX = 'run:';

interface Incoming {
  id: string;
  entity_ref: string;
}

/**
 * Refuses (409, nothing stored) a batch that would rewrite a record of another entity or of
 * another source: a record keeps its entity, and only the principal that recorded it may correct
 * it (records from before provenance was kept, with no `recorded_by`, stay correctable).
 */
export async function assertOwnRecords(
  tx: Knex.Transaction,
  table: 'delivery_deployments' | 'delivery_incidents',
  rows: Incoming[],
  recordedBy: string,
): Promise<void> {
  const noun = table === 'delivery_deployments' ? 'Deployment' : 'Incident';
  const existing: Array<{
    id: string;
    entity_ref: string;
    recorded_by: string | null;
    source?: string;
  }> = [];
  for (let i = 0; i < rows.length; i += 500) {
    existing.push(
      ...(await tx(table)
        .whereIn(
          'id',
          rows.slice(i, i + 500).map(r => r.id),
        )
        .select('*')),
    );
  }
  const incoming = new Map(rows.map(r => [r.id, r]));
  for (const row of existing) {
    const wanted = incoming.get(row.id)!;
    if (row.source === 'run') {
      throw new ConflictError(
        `${noun} '${row.id}' was derived from a pipeline run; only its provider changes it`,
      );
    }
    if (row.entity_ref !== wanted.entity_ref) {
      throw new ConflictError(
        `${noun} '${row.id}' belongs to ${row.entity_ref}; it cannot be recorded for ${wanted.entity_ref}`,
      );
    }
    if (row.recorded_by && row.recorded_by !== recordedBy) {
      throw new ConflictError(
        `${noun} '${row.id}' was recorded by ${row.recorded_by}; only that source can correct it`,
      );
    }
  }
}

/** 409 for ids in the namespace of run-derived deployments. */
export function assertNoReservedIds(ids: string[]): void {
  const reserved = ids.find(id => id.startsWith(RUN_DEPLOYMENT_PREFIX));
  if (reserved) {
    throw new ConflictError(
      `Deployment ids starting with '${RUN_DEPLOYMENT_PREFIX}' are reserved for deployments Slipway derives from pipeline runs: '${reserved}'`,
    );
  }
}
