import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ExternalApprovalRecord,
  ExternalApprovalSink,
} from '@slipway/plugin-delivery-node';
import { ApprovalRequest } from '@slipway/plugin-delivery-common';
import { MappableRun } from '../service/mapping/EntityRunMapper';
import { ApprovalsStore } from './ApprovalsStore';
import { ResolvedEnvironment } from './policy/resolveEnvironments';
import { ApprovalProtections } from './upsertExternal';

/** What the sync needs from the rest of the backend. */
export interface ExternalApprovalSyncDeps {
  store: ApprovalsStore;
  /** The entity an object belongs to, found as for runs (kubernetes-id label or selectors). */
  entityOf: (object: MappableRun) => string | undefined;
  environmentsOf: (entityRef: string) => Promise<ResolvedEnvironment[]>;
  /** Exclusions and gates for a new mirrored request, as Slipway's own requests get them. */
  protectionsFor?: (
    entityRef: string,
    environment: string | undefined,
    record: ExternalApprovalRecord,
  ) => Promise<ApprovalProtections>;
  logger: LoggerService;
}

/**
 * The sink one approval source writes into: maps each object to its entity and environment and
 * mirrors it as an approval request. Objects of no known entity are skipped (the source reports
 * them again at its next resync, by when the catalog may claim them).
 */
export class ExternalApprovalSync {
  constructor(private readonly deps: ExternalApprovalSyncDeps) {}

  sinkFor(source: string): ExternalApprovalSink {
    return {
      upsertExternalApprovals: async records => {
        for (const record of records) {
          await this.upsert(source, record);
        }
      },
    };
  }

  /** Mirrors one object; answers the request, or undefined when no entity claims the object. */
  async upsert(
    source: string,
    record: ExternalApprovalRecord,
  ): Promise<ApprovalRequest | undefined> {
    const entityRef = this.deps.entityOf(record);
    if (!entityRef) {
      this.deps.logger.debug(
        `No entity claims ${source} object ${record.key}; skipped until one does`,
      );
      return undefined;
    }
    const wanted = record.environment?.toLocaleLowerCase('en-US');
    let environment: ResolvedEnvironment | undefined;
    // the environment is set when the request is created: read the catalog only then
    const known = await this.deps.store.hasExternal(source, record.key);
    if (wanted && !known) {
      try {
        environment = (await this.deps.environmentsOf(entityRef)).find(
          e => e.name === wanted,
        );
      } catch (error) {
        this.deps.logger.warn(
          `Cannot read the environments of ${entityRef}: ${error}`,
        );
      }
    }
    const protections =
      known || !this.deps.protectionsFor
        ? undefined
        : await this.deps.protectionsFor(entityRef, environment?.name, record);
    return this.deps.store.upsertExternal({
      source,
      record,
      protections,
      entityRef,
      environment: environment?.name ?? wanted ?? 'unassigned',
      environmentRef: environment?.entityRef ?? '',
      tier: environment?.tier ?? 'unknown',
      now: new Date(),
    });
  }
}
