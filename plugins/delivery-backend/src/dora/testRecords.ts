import { computeDora } from './computeDora';
import {
  DoraChange,
  DoraDeployment,
  DoraIncident,
  DoraInput,
  DoraOptions,
  DoraResult,
} from './types';

/** Test helpers: terse record builders around a fixed epoch (not used by the engine). */

/** Seconds in an hour, for readable expectations. */
export const H = 3600;
/** Seconds in a day. */
export const D = 24 * H;

/** Default entity of the builders. */
export const API = 'component:default/api';

const EPOCH = Date.UTC(2026, 0, 5); // Monday 2026-01-05T00:00:00Z

/** The moment `day` days, `hour` hours and `minute` minutes after the epoch (day may be < 0). */
export function at(day: number, hour = 0, minute = 0): Date {
  return new Date(EPOCH + ((day * 24 + hour) * 60 + minute) * 60_000);
}

/** The window `[at(fromDay), at(toDay))`. */
export function win(fromDay: number, toDay: number) {
  return { from: at(fromDay), to: at(toDay) };
}

/** A successful production deployment of {@link API}, overridable. */
export function deploy(
  id: string,
  finishedAt: Date,
  extra: Partial<DoraDeployment> = {},
): DoraDeployment {
  return {
    id,
    entityRef: API,
    environment: 'production',
    status: 'success',
    finishedAt,
    ...extra,
  };
}

/** A non-merge commit of {@link API}, overridable. */
export function commit(
  sha: string,
  pushSeq: number,
  authoredAt: Date,
  extra: Partial<DoraChange> = {},
): DoraChange {
  return { sha, entityRef: API, authoredAt, isMerge: false, pushSeq, ...extra };
}

/** An incident of {@link API}; open when `resolvedAt` is omitted. */
export function incident(
  id: string,
  startedAt: Date,
  resolvedAt?: Date,
  extra: Partial<DoraIncident> = {},
): DoraIncident {
  return { id, entityRef: API, startedAt, resolvedAt, ...extra };
}

/** An earlier first observed deployment (of `entityRef`), so later deployments are sampled. */
export function bootstrap(entityRef = API): {
  deployments: DoraDeployment[];
  changes: DoraChange[];
} {
  const sha = `boot-${entityRef}`;
  return {
    deployments: [
      deploy(`d-boot-${entityRef}`, at(-30), { entityRef, commitSha: sha }),
    ],
    changes: [commit(sha, 0, at(-31), { entityRef })],
  };
}

/** Runs the engine with empty defaults, the default production tier and window days 0–7. */
export function run(
  input: Partial<DoraInput>,
  window = win(0, 7),
  options: Partial<DoraOptions> & { series?: 'week' } = {},
): DoraResult {
  return computeDora(
    {
      deployments: input.deployments ?? [],
      changes: input.changes ?? [],
      incidents: input.incidents ?? [],
    },
    window,
    { productionEnvironments: [], ...options },
  );
}
