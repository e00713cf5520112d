import { Manifest } from '../kube/manifest';
import { Owner, ownershipMetadata } from './owner';

/** The manifest with the owner's labels and annotations added (they win). */
export function withOwnership(m: Manifest, owner: Owner): Manifest {
  const { labels, annotations } = ownershipMetadata(owner);
  const given = m.metadata.annotations;
  return {
    ...m,
    metadata: {
      ...m.metadata,
      labels: { ...m.metadata.labels, ...labels },
      annotations: {
        ...(typeof given === 'object' && given !== null ? given : {}),
        ...annotations,
      },
    },
  };
}

/** A Namespace manifest that only records the owner (to adopt a namespace). */
export function namespaceClaim(name: string, owner: Owner): Manifest {
  return withOwnership(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    owner,
  );
}
