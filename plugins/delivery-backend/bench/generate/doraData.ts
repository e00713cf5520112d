/*
 * Deterministic synthetic DORA history for benchmarks: N services across teams and systems, each
 * with its own delivery profile (deployment rate, commits per deployment, lead time, failure
 * rate, recovery), over `days` days from `from`. Same seed → same rows. Meant to be reused by
 * the company-scale benchmark suite (issue #9).
 *
 * Per service and year at the defaults: ≈ 500 production deployment attempts (≈ 8% failed then
 * retried), ≈ 5 commits per successful deployment (≈ 10% merges), incidents for ≈ 3–20% of the
 * deployments (60% linked, the rest left to the lag fallback, a few still open), fix-forward
 * deployments and the odd rollback. For 2,000 services: ≈ 1M deployments, ≈ 5M commits.
 */

/** A small, fast seeded PRNG (mulberry32): the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where a generated service sits in the catalog. */
export interface BenchService {
  entityRef: string;
  owner: string;
  system: string;
}

/** Options of {@link generateDoraData}. */
export interface DoraDataOptions {
  services: number;
  seed?: number;
  from: Date;
  days: number;
  /** Services per team (owner group) and per system. */
  servicesPerTeam?: number;
  servicesPerSystem?: number;
}

/** The rows of one service, in the shape of the delivery tables (changes in push order). */
export interface ServiceRows {
  service: BenchService;
  deployments: Array<Record<string, unknown>>;
  changes: Array<Record<string, unknown>>;
  incidents: Array<Record<string, unknown>>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The services of a generated data set, with their teams and systems. */
export function benchServices(options: DoraDataOptions): BenchService[] {
  const perTeam = options.servicesPerTeam ?? 10;
  const perSystem = options.servicesPerSystem ?? 5;
  const pad = (n: number) => String(n).padStart(5, '0');
  return Array.from({ length: options.services }, (_, i) => ({
    entityRef: `component:default/svc-${pad(i)}`,
    owner: `group:default/team-${pad(Math.floor(i / perTeam))}`,
    system: `system:default/sys-${pad(Math.floor(i / perSystem))}`,
  }));
}

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

/** Rows of one service: a deterministic function of (seed, service index). */
export function serviceRows(
  service: BenchService,
  index: number,
  options: DoraDataOptions,
): ServiceRows {
  const random = seededRandom((options.seed ?? 1) * 1_000_003 + index);
  const between = (low: number, high: number) => low + random() * (high - low);
  const ref = service.entityRef;
  const rate = between(0.5, 2.24); // production deployments per day
  const commitsPerDeploy = between(2, 8);
  const leadHours = between(2, 120);
  const failureRate = between(0.03, 0.2);
  const recoveryHours = between(0.5, 36);
  const start = options.from.getTime();
  const end = start + options.days * DAY;
  const rows: ServiceRows = {
    service,
    deployments: [],
    changes: [],
    incidents: [],
  };
  const shipped: Array<{ sha: string; version: string }> = [];
  let t = start + random() * (DAY / rate);
  let n = 0;
  let openIncident: string | undefined;
  const deployment = (
    at: number,
    head: string,
    version: string,
    extra = {},
  ) => {
    const id = `bench-${index}-${n++}`;
    rows.deployments.push({
      id,
      entity_ref: ref,
      environment: 'production',
      status: 'success',
      started_at: new Date(at - 10 * 60_000),
      finished_at: new Date(at),
      commit_sha: head,
      version,
      remediation_for: null,
      source: 'api',
      ...extra,
    });
    return id;
  };
  while (t < end) {
    if (shipped.length > 2 && random() < 0.01) {
      // a rollback to the version before the current one
      const back = shipped[shipped.length - 2];
      deployment(t, back.sha, back.version);
      shipped.push(back);
    } else {
      const count = Math.max(
        1,
        Math.round(commitsPerDeploy * between(0.3, 1.7)),
      );
      let head = '';
      for (let c = 0; c < count; c++) {
        head = hex(random, 40);
        const authored = t - random() * leadHours * HOUR * 2;
        rows.changes.push({
          entity_ref: ref,
          sha: head,
          authored_at: new Date(authored),
          committed_at: new Date(authored + random() * HOUR),
          is_merge: random() < 0.1,
          deployment_id: null,
        });
      }
      const version = `1.${n}.0`;
      if (random() < 0.08) {
        deployment(t - 30 * 60_000, head, version, { status: 'failed' });
      }
      const id = deployment(t, head, version, {
        remediation_for: openIncident ?? null,
      });
      openIncident = undefined;
      shipped.push({ sha: head, version });
      if (random() < failureRate) {
        const started = t + between(0.15, 6) * HOUR;
        const incidentId = `inc-${index}-${n}`;
        rows.incidents.push({
          id: incidentId,
          entity_ref: ref,
          title: `Synthetic incident ${n}`,
          started_at: new Date(started),
          resolved_at:
            random() < 0.005
              ? null
              : new Date(started + recoveryHours * between(0.2, 2) * HOUR),
          caused_by_deployment_id: random() < 0.6 ? id : null,
        });
        if (random() < 0.3) openIncident = incidentId;
      }
    }
    t += (-Math.log(1 - random()) / rate) * DAY;
  }
  return rows;
}

/** Every service's rows, one service at a time (nothing is held for the whole data set). */
export function* generateDoraData(
  options: DoraDataOptions,
): Generator<ServiceRows> {
  const services = benchServices(options);
  for (let i = 0; i < services.length; i++) {
    yield serviceRows(services[i], i, options);
  }
}
