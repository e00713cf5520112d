import type { FakeKubeApiServer } from '../FakeKubeApiServer';
import { KubeObject } from '../types';

/**
 * Replaces the status (and, when given, labels and annotations) of the latest version of an
 * object, like a controller's status update: everything else stays as others wrote it (a
 * `spec.status: Cancelled` patched meanwhile is kept). Returns `undefined` when the object is
 * gone (then nothing is written).
 */
export function writeStatus(
  server: FakeKubeApiServer,
  resource: 'pipelineruns' | 'taskruns',
  namespace: string,
  name: string,
  status: object,
  meta?: {
    labels: Record<string, string>;
    annotations: Record<string, string>;
  },
): KubeObject | undefined {
  const current = server.get(resource, namespace, name);
  if (!current) return undefined;
  const metadata = meta
    ? {
        ...current.metadata,
        labels: meta.labels,
        ...(Object.keys(meta.annotations).length > 0 ||
        current.metadata.annotations
          ? { annotations: meta.annotations }
          : {}),
      }
    : current.metadata;
  return server.put(resource, {
    ...current,
    metadata,
    status: structuredClone(status),
  });
}
