import { ApisApi, KubeConfig } from '@kubernetes/client-node';
import { kubeRequestOptions } from './kubeRequestOptions';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './requestTimeout';

/** The Tekton API versions Slipway reads, best first. */
const SUPPORTED = ['v1', 'v1beta1'] as const;
export type TektonVersion = (typeof SUPPORTED)[number];

/**
 * Asks the cluster which `tekton.dev` versions it serves and picks `v1`, else `v1beta1`.
 * Throws with a message naming the cluster when Tekton is not installed or too old.
 */
export async function discoverTektonVersion(
  kubeConfig: KubeConfig,
  clusterName: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<TektonVersion> {
  const groups = await kubeConfig
    .makeApiClient(ApisApi)
    .getAPIVersions(
      {},
      kubeRequestOptions(
        options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        options.signal,
      ),
    );
  const tekton = groups.groups.find(g => g.name === 'tekton.dev');
  if (!tekton) {
    throw new Error(
      `Cluster '${clusterName}' serves no tekton.dev API: is Tekton Pipelines installed?`,
    );
  }
  const served = new Set(tekton.versions.map(v => v.version));
  const version = SUPPORTED.find(v => served.has(v));
  if (!version) {
    throw new Error(
      `Cluster '${clusterName}' serves tekton.dev ${[...served].join(
        ', ',
      )}; Slipway needs v1 or v1beta1 (Tekton Pipelines 0.44 or later)`,
    );
  }
  return version;
}
