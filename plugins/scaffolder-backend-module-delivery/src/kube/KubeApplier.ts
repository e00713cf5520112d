import { InputError } from '@backstage/errors';
import {
  ApiException,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  loadYaml,
} from '@kubernetes/client-node';
import { AppliedObject, Manifest, describeObject } from './manifest';

/** The field manager Slipway's scaffolder actions apply with. */
export const FIELD_MANAGER = 'slipway-scaffolder';

function isNotFound(e: unknown): boolean {
  return e instanceof ApiException && e.code === 404;
}

/** The API server's Status message, without the request or object. */
function statusMessage(e: unknown): string {
  if (e instanceof ApiException) {
    try {
      const body = JSON.parse(String(e.body));
      if (typeof body?.message === 'string')
        return `${e.code}: ${body.message}`;
    } catch {
      // not a Status body
    }
    return `HTTP ${e.code}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/**
 * Server-side applies objects to one cluster through `@kubernetes/client-node`
 * (field manager `slipway-scaffolder`, `force` so re-runs win over manual
 * edits of the same fields), and tells created, updated and unchanged apart.
 */
export class KubeApplier {
  private readonly api: KubernetesObjectApi;
  private readonly core: CoreV1Api;
  private readonly custom: CustomObjectsApi;
  /** Discovery per apiVersion: kind → namespaced (undefined: not served). */
  private readonly discovered = new Map<
    string,
    Promise<Map<string, boolean> | undefined>
  >();

  constructor(kubeConfig: KubeConfig, private readonly clusterName: string) {
    this.api = KubernetesObjectApi.makeApiClient(kubeConfig);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
    this.custom = kubeConfig.makeApiClient(CustomObjectsApi);
  }

  /**
   * Whether the object's kind is namespaced, from discovery. Throws
   * `InputError` naming the kind when the cluster does not serve it.
   */
  async isNamespaced(
    m: Pick<Manifest, 'apiVersion' | 'kind'>,
  ): Promise<boolean> {
    const namespaced = (await this.kinds(m.apiVersion))?.get(m.kind);
    if (namespaced === undefined) {
      throw new InputError(
        `Unknown kind ${m.kind} (apiVersion ${m.apiVersion}): cluster '${this.clusterName}' does not serve it (is the CRD installed?)`,
      );
    }
    return namespaced;
  }

  private kinds(apiVersion: string) {
    let found = this.discovered.get(apiVersion);
    if (!found) {
      found = this.discover(apiVersion);
      this.discovered.set(apiVersion, found);
    }
    return found;
  }

  private async discover(apiVersion: string) {
    const [group, version] = apiVersion.includes('/')
      ? apiVersion.split('/', 2)
      : ['', apiVersion];
    try {
      const list = group
        ? await this.custom.getAPIResources({ group, version })
        : await this.core.getAPIResources();
      return new Map(
        list.resources
          .filter(r => !r.name.includes('/'))
          .map(r => [r.kind, r.namespaced] as const),
      );
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** Applies one object; the result says what changed. */
  async apply(m: Manifest): Promise<AppliedObject> {
    const ref = {
      apiVersion: m.apiVersion,
      kind: m.kind,
      ...(m.metadata.namespace ? { namespace: m.metadata.namespace } : {}),
      name: m.metadata.name,
    };
    try {
      const before = await this.read(m);
      // client-node serialises built-in kinds through its models (e.g.
      // LimitRange `default` is `_default` there): load the manifest into them
      const typed = loadYaml<KubernetesObject>(JSON.stringify(m));
      const after = await this.api.patch(
        typed,
        undefined,
        undefined,
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
      let result: AppliedObject['result'] = 'unchanged';
      if (!before) result = 'created';
      else if (before !== after.metadata?.resourceVersion) result = 'updated';
      return { ...ref, result };
    } catch (e) {
      throw new Error(
        `Applying ${describeObject(ref)} to cluster '${
          this.clusterName
        }' failed: ${statusMessage(e)}`,
      );
    }
  }

  /** The current resourceVersion, or undefined when the object is absent. */
  private async read(m: Manifest): Promise<string | undefined> {
    try {
      const current = await this.api.read({
        apiVersion: m.apiVersion,
        kind: m.kind,
        metadata: { name: m.metadata.name, namespace: m.metadata.namespace },
      });
      return current.metadata?.resourceVersion ?? '';
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }
}
