import { InputError, NotAllowedError } from '@backstage/errors';
import { KubeApplier } from '../kube/KubeApplier';
import { Manifest, describeObject } from '../kube/manifest';
import { SourcedManifest } from '../kube/readManifests';
import { refusal } from '../ownership/checkNamespaces';
import { Owner } from '../ownership/owner';
import { withOwnership } from '../ownership/withOwnership';
import { checkKind, kindKey } from '../policy/kindRules';
import { ScaffolderPolicy } from '../policy/readPolicy';

/**
 * Refuses, before the cluster is contacted, a manifest naming another
 * namespace or of a kind neither allow-list holds.
 */
export function checkManifests(
  sources: SourcedManifest[],
  namespace: string,
  policy: ScaffolderPolicy,
): void {
  for (const { source, manifest } of sources) {
    const given = manifest.metadata.namespace;
    if (given !== undefined && given !== namespace) {
      throw new InputError(
        `${source}: ${manifest.kind} ${manifest.metadata.name} is in namespace '${given}', not '${namespace}'`,
      );
    }
    checkKind(policy, manifest, undefined, source);
  }
}

/**
 * The manifests as they will be applied, each labelled with its owner:
 * namespaced kinds (per discovery; in a dry run, every kind but those only
 * listed as cluster-scoped) put into `namespace`, and only from
 * `allowedKinds`; cluster-scoped kinds only from `allowedClusterScopedKinds`,
 * and refused when the object exists and is not the owner's.
 */
export async function placeManifests(options: {
  sources: SourcedManifest[];
  namespace: string;
  owner: Owner;
  policy: ScaffolderPolicy;
  applier?: KubeApplier;
}): Promise<Manifest[]> {
  const { namespace, owner, policy, applier } = options;
  const placed: Manifest[] = [];
  for (const { source, manifest } of options.sources) {
    const key = kindKey(manifest);
    const namespaced = applier
      ? await applier.isNamespaced(manifest)
      : policy.allowedKinds.includes(key) ||
        !policy.allowedClusterScopedKinds.includes(key);
    checkKind(policy, manifest, applier ? namespaced : undefined, source);
    const m = withOwnership(manifest, owner);
    if (namespaced) {
      placed.push({ ...m, metadata: { ...m.metadata, namespace } });
      continue;
    }
    const existing = applier ? await applier.read(m) : undefined;
    const reason = existing && refusal(existing, owner);
    if (reason) {
      throw new NotAllowedError(
        `${source}: ${describeObject({
          kind: m.kind,
          name: m.metadata.name,
        })} ${reason}; nothing was written`,
      );
    }
    placed.push(m);
  }
  return placed;
}
