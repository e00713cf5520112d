import { DeliveryStore } from '../../database/DeliveryStore';
import { EntityRunMapper } from './EntityRunMapper';

const BATCH = 500;

/**
 * Attaches stored runs to the entities that claim them now: by kubernetes-id in bulk, then
 * runs still unattached by label selector. Runs that match nothing stay, waiting for an entity.
 * Returns how many runs were attached or moved.
 */
export async function attachStoredRuns(
  store: DeliveryStore,
  mapper: EntityRunMapper,
): Promise<number> {
  let changed = await store.assignEntitiesByKubernetesId(
    mapper.kubernetesIds(),
  );
  if (!mapper.hasSelectors()) {
    return changed;
  }
  let after: string | undefined;
  for (;;) {
    const runs = await store.listUnassignedRuns(after, BATCH);
    if (runs.length === 0) {
      return changed;
    }
    const byEntity = new Map<string, string[]>();
    for (const run of runs) {
      const entityRef = mapper.resolve(run);
      if (entityRef) {
        byEntity.set(entityRef, [...(byEntity.get(entityRef) ?? []), run.uid]);
      }
    }
    for (const [entityRef, uids] of byEntity) {
      await store.assignEntity(uids, entityRef);
      changed += uids.length;
    }
    after = runs[runs.length - 1].uid;
  }
}
