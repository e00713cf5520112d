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
 * Whether to check the object with a dry run first: when it may already
 * exist, but not in a namespace this run creates (the dry run would answer
 * 404, and nothing there can conflict).
 */
function checkable(m: Manifest, existingNamespaces: ReadonlySet<string>) {
  if (m.apiVersion === 'v1' && m.kind === 'Namespace') {
    return existingNamespaces.has(m.metadata.name);
  }
  const { namespace } = m.metadata;
  return namespace === undefined || existingNamespaces.has(namespace);
}

/**
 * Applies objects in order, each inside `ctx.checkpoint` with a key built
 * from `keyPrefix` and the object's identity. Before anything is written:
 * the cluster must serve every kind, and every object that can already be
 * checked (one of `existingNamespaces`, an object in one, or another
 * cluster-scoped object) is applied with
 * `dryRun=All`, so a field-manager conflict or an admission refusal fails the
 * step with nothing written. In a dry run nothing is contacted: the plan
 * comes back as `planned`. Logs kinds and names only, never object contents.
 */
export async function applyAll(
  ctx: ApplyContext,
  options: {
    applier: KubeApplier;
    objects: Manifest[];
    keyPrefix: string;
    /** Namespaces that existed before this run (checked by dry run first). */
    existingNamespaces?: ReadonlySet<string>;
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
  const existing = options.existingNamespaces ?? new Set<string>();
  for (const m of objects) {
    if (checkable(m, existing)) await applier.apply(m, { dryRun: true });
  }
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
