import { LoggerService } from '@backstage/backend-plugin-api';
import { KubeApplier } from './KubeApplier';
import { AppliedObject, Manifest, describeObject } from './manifest';

/** The parts of a scaffolder action context that applying needs. */
export interface ApplyContext {
  logger: LoggerService;
  isDryRun?: boolean;
  checkpoint<T extends AppliedObject>(opts: {
    key: string;
    fn: () => Promise<T>;
  }): Promise<T>;
}

/** What an object is, for plans and outputs (never its contents). */
export function planEntry(m: Manifest): AppliedObject {
  return {
    apiVersion: m.apiVersion,
    kind: m.kind,
    ...(m.metadata.namespace ? { namespace: m.metadata.namespace } : {}),
    name: m.metadata.name,
    result: 'planned',
  };
}

/**
 * Applies objects in order, each inside `ctx.checkpoint` with a key built
 * from `keyPrefix` and the object's identity, after checking that the cluster
 * serves every kind (so an unknown kind fails before anything is written).
 * In a dry run nothing is contacted: the plan comes back as `planned`.
 * Logs kinds and names only, never object contents.
 */
export async function applyAll(
  ctx: ApplyContext,
  options: {
    applier: KubeApplier;
    objects: Manifest[];
    keyPrefix: string;
  },
): Promise<AppliedObject[]> {
  const { applier, objects, keyPrefix } = options;
  if (ctx.isDryRun) {
    const plan = objects.map(planEntry);
    for (const entry of plan) {
      ctx.logger.info(`Dry run: would apply ${describeObject(entry)}`);
    }
    return plan;
  }
  for (const m of objects) await applier.isNamespaced(m);
  const applied: AppliedObject[] = [];
  for (const m of objects) {
    const { apiVersion, kind, namespace, name } = planEntry(m);
    const result = await ctx.checkpoint({
      key: `${keyPrefix}:${apiVersion}:${kind}:${namespace ?? ''}:${name}`,
      fn: () => applier.apply(m),
    });
    ctx.logger.info(`${describeObject(result)}: ${result.result}`);
    applied.push(result);
  }
  return applied;
}
