import type { FakeKubeApiServer } from '../FakeKubeApiServer';
import { asRecord, str, stringMap } from './model';

/** An object of a type the server may not serve: `undefined` then. */
function served(
  server: FakeKubeApiServer,
  resource: string,
  namespace: string,
  name: string,
): Record<string, unknown> | undefined {
  try {
    return server.get(resource, namespace, name);
  } catch {
    return undefined;
  }
}

function named(
  objects: object[],
  namespace: string,
  name: string,
): Record<string, unknown> | undefined {
  return objects.map(asRecord).find(o => {
    const meta = asRecord(o.metadata);
    const ns = str(meta.namespace);
    return meta.name === name && (!ns || ns === namespace);
  });
}

function decode(data: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [
      k,
      Buffer.from(v, 'base64').toString('utf8'),
    ]),
  );
}

/**
 * The objects a run needs besides itself, the way the Tekton controller and the kubelet find
 * them: from what the test handed over first, then from the fake API server (when it serves
 * the type).
 */
export class ClusterObjects {
  constructor(
    private readonly server: FakeKubeApiServer,
    private readonly given: {
      tasks: object[];
      pipelines: object[];
      secrets: Record<string, Record<string, string>>;
    },
  ) {}

  pipeline(namespace: string, name: string) {
    return (
      named(this.given.pipelines, namespace, name) ??
      served(this.server, 'pipelines', namespace, name)
    );
  }

  task(namespace: string, name: string) {
    return (
      named(this.given.tasks, namespace, name) ??
      served(this.server, 'tasks', namespace, name)
    );
  }

  /** A Secret's data in plain text (`data` decoded, `stringData` as is). */
  secretData(
    namespace: string,
    name: string,
  ): Record<string, string> | undefined {
    const given =
      this.given.secrets[`${namespace}/${name}`] ?? this.given.secrets[name];
    if (given) return { ...given };
    const secret = served(this.server, 'secrets', namespace, name);
    if (!secret) return undefined;
    return {
      ...decode(stringMap(secret.data)),
      ...stringMap(secret.stringData),
    };
  }

  configMapData(
    namespace: string,
    name: string,
  ): Record<string, string> | undefined {
    const map = served(this.server, 'configmaps', namespace, name);
    return map ? stringMap(map.data) : undefined;
  }
}
