import { InputError } from '@backstage/errors';
import {
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  loadYaml,
} from '@kubernetes/client-node';
import { applyConflict, isNotFound, statusMessage } from './applyErrors';
import {
  AppliedObject,
  Manifest,
  ObjectMetadata,
  describeObject,
} from './manifest';

/** The field manager Slipway's scaffolder actions apply with. */
export const FIELD_MANAGER = 'slipway-scaffolder';

/**
 * Server-side applies objects to one cluster through `@kubernetes/client-node`
 * (field manager `slipway-scaffolder`, without `force`: a field another
 * manager owns is reported as a conflict, never taken over), and tells
 * created, updated and unchanged apart.
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

  /**
   * Applies one object; the result says what changed. `dryRun`: the API
   * server checks the apply (conflicts, admission) and stores nothing.
   * A conflict with another field manager throws ConflictError naming the
   * fields and managers.
   */
  async apply(
    m: Manifest,
    options: { dryRun?: boolean } = {},
  ): Promise<AppliedObject> {
    const ref = {
      apiVersion: m.apiVersion,
      kind: m.kind,
      ...(m.metadata.namespace ? { namespace: m.metadata.namespace } : {}),
      name: m.metadata.name,
    };
    const what = `Applying ${describeObject(ref)} to cluster '${
      this.clusterName
    }'`;
    try {
      const before = options.dryRun
        ? undefined
        : (await this.read(m))?.resourceVersion;
      // client-node serialises built-in kinds through its models (e.g.
      // LimitRange `default` is `_default` there): load the manifest into them
      const typed = loadYaml<KubernetesObject>(JSON.stringify(m));
      const after = await this.api.patch(
        typed,
        undefined,
        options.dryRun ? 'All' : undefined,
        FIELD_MANAGER,
        false,
        PatchStrategy.ServerSideApply,
      );
      let result: AppliedObject['result'] = 'unchanged';
      if (options.dryRun) result = 'planned';
      else if (before === undefined) result = 'created';
      else if (before !== after.metadata?.resourceVersion) result = 'updated';
      return { ...ref, result };
    } catch (e) {
      const conflict = applyConflict(e, what);
      if (conflict) throw conflict;
      throw new Error(`${what} failed: ${statusMessage(e)}`);
    }
  }

  /** A namespace's labels and annotations, or undefined when it does not exist. */
  async readNamespace(name: string): Promise<ObjectMetadata | undefined> {
    return this.read({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });
  }

  /**
   * An object's labels, annotations and resourceVersion, or undefined when
   * it is absent.
   */
  async read(
    m: Pick<Manifest, 'apiVersion' | 'kind' | 'metadata'>,
  ): Promise<(ObjectMetadata & { resourceVersion: string }) | undefined> {
    try {
      const current = await this.api.read({
        apiVersion: m.apiVersion,
        kind: m.kind,
        metadata: { name: m.metadata.name, namespace: m.metadata.namespace },
      });
      return {
        labels: current.metadata?.labels,
        annotations: current.metadata?.annotations,
        resourceVersion: current.metadata?.resourceVersion ?? '',
      };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw new Error(
        `Reading ${describeObject({
          kind: m.kind,
          namespace: m.metadata.namespace,
          name: m.metadata.name,
        })} on cluster '${this.clusterName}' failed: ${statusMessage(e)}`,
      );
    }
  }
}
