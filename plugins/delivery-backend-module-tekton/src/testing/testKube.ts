import {
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  makeInformer,
} from '@kubernetes/client-node';

/** A KubeConfig for the real client-node, built the way production code does. */
export function kubeConfigFor(url: string, token?: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'fake', server: url, skipTLSVerify: true }],
    users: [token === undefined ? { name: 'u' } : { name: 'u', token }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'u' }],
    currentContext: 'fake',
  });
  return kc;
}

/** A minimal Tekton run object for `FakeKubeApiServer.put`. */
export function run(
  namespace: string,
  name: string,
  labels: Record<string, string> = {},
  extra: Record<string, unknown> = {},
) {
  return { metadata: { name, namespace, labels }, spec: {}, ...extra };
}

export interface TestInformer {
  /** "add ns/name", "update ns/name", "delete ns/name", in arrival order. */
  events: string[];
  errors: unknown[];
  connects: number;
  names(): string[];
  stop(): Promise<void>;
}

/**
 * Starts a client-node informer the way a long-running consumer would: on
 * 'error' (client-node stops the informer) it calls start() again shortly.
 */
export async function startInformer(
  kc: KubeConfig,
  options: {
    /** Default 'tekton.dev'. */
    group?: string;
    version?: string;
    plural?: string;
    namespace?: string;
    labelSelector?: string;
    restartOnError?: boolean;
  } = {},
): Promise<TestInformer> {
  const {
    group = 'tekton.dev',
    version = 'v1',
    plural = 'pipelineruns',
    namespace,
  } = options;
  const api = kc.makeApiClient(CustomObjectsApi);
  const path = namespace
    ? `/apis/${group}/${version}/namespaces/${namespace}/${plural}`
    : `/apis/${group}/${version}/${plural}`;
  const { labelSelector } = options;
  const informer = makeInformer<KubernetesObject>(
    kc,
    path,
    () =>
      namespace
        ? api.listNamespacedCustomObject({
            group,
            version,
            namespace,
            plural,
            labelSelector,
          })
        : api.listClusterCustomObject({
            group,
            version,
            plural,
            labelSelector,
          }),
    labelSelector,
  );
  let stopped = false;
  let retry: NodeJS.Timeout | undefined = undefined;
  const key = (o: KubernetesObject) =>
    `${o.metadata?.namespace}/${o.metadata?.name}`;
  const result: TestInformer = {
    events: [],
    errors: [],
    connects: 0,
    names: () => informer.list().map(key).sort(),
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      await informer.stop();
    },
  };
  informer.on('add', o => result.events.push(`add ${key(o)}`));
  informer.on('update', o => result.events.push(`update ${key(o)}`));
  informer.on('delete', o => result.events.push(`delete ${key(o)}`));
  informer.on('connect', () => {
    result.connects += 1;
  });
  informer.on('error', err => {
    result.errors.push(err);
    if (options.restartOnError !== false && !stopped) {
      retry = setTimeout(() => {
        if (!stopped) informer.start().catch(e => result.errors.push(e));
      }, 20);
    }
  });
  await informer.start();
  return result;
}
