import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { DeliveryStore } from '../database/DeliveryStore';
import { EventsStore } from '../events/EventsStore';
import { demoDoraRecords } from './demoDoraRecords';
import { withGithubActionsCi } from './demoGithubActions';
import { generateDemoHistory } from './generateDemoHistory';

export interface DemoDataConfig {
  enabled: boolean;
  days: number;
  /** How long a run started in the demo portal (rerun, start, deploy) runs, in seconds. */
  runSeconds: number;
  entities: Array<{
    entityRef: string;
    isMl: boolean;
    /** `github-actions`: CI runs are GitHub Actions runs, deploys stay Tekton. */
    ciProvider?: 'github-actions';
  }>;
}

/** Reads `delivery.demoData`; demo data is off unless `enabled: true` is set. */
export function readDemoDataConfig(config: RootConfigService): DemoDataConfig {
  const demo = config.getOptionalConfig('delivery.demoData');
  return {
    enabled: demo?.getOptionalBoolean('enabled') ?? false,
    days: demo?.getOptionalNumber('days') ?? 42,
    runSeconds: demo?.getOptionalNumber('runSeconds') ?? 20,
    entities: (demo?.getOptionalConfigArray('entities') ?? []).map(e => ({
      entityRef: e.getString('entityRef').toLocaleLowerCase('en-US'),
      isMl: e.getOptionalString('pipeline') === 'ml',
      ciProvider:
        e.getOptionalString('ciProvider') === 'github-actions'
          ? ('github-actions' as const)
          : undefined,
    })),
  };
}

/**
 * Loads demo pipeline history for the configured entities, once per entity: an entity that
 * already has runs in the store is left alone, so a persistent database is not seeded twice.
 */
export async function seedDemoHistory(options: {
  config: DemoDataConfig;
  store: DeliveryStore;
  /** When given, the commits and incidents behind the runs are loaded too (for DORA). */
  events?: EventsStore;
  logger: LoggerService;
  now?: Date;
}): Promise<number> {
  const { config, store, logger } = options;
  if (!config.enabled) {
    return 0;
  }
  let total = 0;
  for (const { entityRef, isMl, ciProvider } of config.entities) {
    const existing = await store.listRuns({ entityRef, limit: 1 });
    if (existing.items.length > 0) {
      continue;
    }
    const generated = generateDemoHistory({
      entityRef,
      isMl,
      now: options.now ?? new Date(),
      days: config.days,
    });
    const runs =
      ciProvider === 'github-actions'
        ? withGithubActionsCi(generated)
        : generated;
    await store.upsertRuns(runs);
    total += runs.length;
    if (options.events) {
      const { changes, incidents } = demoDoraRecords(
        entityRef,
        runs,
        options.now ?? new Date(),
      );
      if (changes.length) await options.events.upsertChanges(changes, 'demo');
      if (incidents.length)
        await options.events.upsertIncidents(incidents, 'demo');
    }
  }
  logger.info(
    `Loaded ${total} demo pipeline runs for ${config.entities.length} entities (delivery.demoData)`,
  );
  return total;
}
