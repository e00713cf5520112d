import type { DoraBand, DoraMetrics } from '@slipway/plugin-delivery-common';

/*
 * Input and output shapes of the DORA engine. Every rule referred to below is a numbered rule of
 * DORA.md, "DORA metrics — the definitions Slipway uses".
 */

/** A deployment attempt (a CI run targeting an environment). Only rule-1 records are deployments. */
export interface DoraDeployment {
  /** Unique across all entities. */
  id: string;
  entityRef: string;
  environment: string;
  status: 'success' | 'failed' | 'cancelled';
  startedAt?: Date;
  /** The deployment moment (rule 2). */
  finishedAt: Date;
  /** The head commit deployed; the push chain starts from it. */
  commitSha?: string;
  version?: string;
  /** An incident id: the deployment is a hotfix / fix-forward (rework, rule 11). */
  remediationFor?: string;
}

/** A commit reported by the SCM for an entity. */
export interface DoraChange {
  sha: string;
  entityRef: string;
  authoredAt: Date;
  committedAt?: Date;
  isMerge: boolean;
  /** The deployment that shipped it, when the source knows it. */
  deploymentId?: string;
  /** Order in which the SCM reported the commit for its entity (push order), increasing. */
  pushSeq: number;
}

/** An incident of an entity. */
export interface DoraIncident {
  id: string;
  entityRef: string;
  startedAt: Date;
  /** `undefined` = still open. */
  resolvedAt?: Date;
  causedByDeploymentId?: string;
}

/** The records given to the engine: any number of entities, unfiltered by time (see computeDora). */
export interface DoraInput {
  deployments: DoraDeployment[];
  changes: DoraChange[];
  incidents: DoraIncident[];
}

/** Engine configuration. */
export interface DoraOptions {
  /**
   * Environments of the production tier, matched case-insensitively after trimming. An empty
   * list means the default `['production', 'prod']`.
   */
  productionEnvironments: string[];
  /**
   * Rule 7 fallback bound: an incident without `causedByDeploymentId` is attributed to the latest
   * earlier deployment only when it started at most this many seconds after that deployment
   * finished (inclusive). `undefined` = unbounded.
   */
  maxIncidentLagSeconds?: number;
}

/** A half-open UTC window `[from, to)` (rule 3). */
export interface DoraWindow {
  from: Date;
  to: Date;
}

/** A performance band (rule 13, DevLake's 2023 bands): the API contract's `DoraBand`. */
export type Band = DoraBand;

/**
 * The numbers of one window (rules 4–11, 13), as the API answers them (`@slipway/plugin-delivery-common`).
 */
export type { DoraMetrics };

/** The records behind each number of a window, for click-through. */
export interface DoraDrillDown {
  /** Ids of the deployments counted (rule 4), in deployment order. */
  deployments: string[];
  leadTimeSamples: Array<{
    sha: string;
    deploymentId: string;
    seconds: number;
  }>;
  failedDeployments: Array<{ deploymentId: string; incidentIds: string[] }>;
  recoverySamples: Array<{ deploymentId: string; seconds: number }>;
  restoreSamples: Array<{ incidentId: string; seconds: number }>;
  reworkDeployments: string[];
}

/** The metrics of a window without the records behind them. `from`/`to` are ISO-8601 UTC strings. */
export interface DoraSummary extends DoraMetrics {
  from: string;
  to: string;
  windowDays: number;
  /** Present when a weekly series was asked for: 7-day slices from `from`, the last one may be shorter. */
  series?: Array<{ from: string; to: string } & DoraMetrics>;
}

/** The answer of {@link computeDora}: the summary and the drill-down of the window. */
export interface DoraResult extends DoraSummary {
  drillDown: DoraDrillDown;
}

/** A data-quality note anchored at the moment that decides which window reports it. */
export interface TimedWarning {
  at: Date;
  /**
   * Orders notes of the same moment independently of how entities are pooled: the kind of note
   * (`0` incident links, `1` unattributed deployments, `2` first observed deployments) followed
   * by the incident or deployment id.
   */
  tie: string;
  message: string;
}
