import { ConflictError, NotFoundError } from '@backstage/errors';
import { CustomObjectsApi } from '@kubernetes/client-node';
import {
  PipelineParamSpec,
  PipelineRunWithTasks,
} from '@slipway/plugin-delivery-common';
import {
  RunActionContext,
  StartRunTarget,
} from '@slipway/plugin-delivery-node';
import { RERUN_OF_LABEL, TektonPipelineRun } from '../tekton';
import { clusterStatus, toClusterError } from './clusterErrors';
import { TektonVersion } from './discoverTektonVersion';
import { kubeRequestOptions } from './kubeRequestOptions';
import { ANNOTATION_REQUESTED_BY, ClusterCall } from './tektonRunActions';

interface TektonParamSpec {
  name?: unknown;
  type?: unknown;
  description?: unknown;
  default?: unknown;
  enum?: unknown;
}

interface PipelineSpecLike {
  description?: unknown;
  params?: unknown;
}

/** Labels a started run does not take over from the run it is based on. */
const NOT_INHERITED = [
  /^tekton\.dev\//,
  /^pipelinesascode\.tekton\.dev\//,
  /^triggers\.tekton\.dev\//,
  /^chains\.tekton\.dev\//,
];

function toParamSpec(raw: TektonParamSpec): PipelineParamSpec | undefined {
  if (typeof raw?.name !== 'string' || raw.name === '') return undefined;
  const type =
    raw.type === 'array' || raw.type === 'object' ? raw.type : 'string';
  const value = raw.default;
  const fallback =
    typeof value === 'string' ||
    (Array.isArray(value) && value.every(v => typeof v === 'string')) ||
    (typeof value === 'object' && value !== null && !Array.isArray(value))
      ? (value as PipelineParamSpec['default'])
      : undefined;
  const options = Array.isArray(raw.enum)
    ? raw.enum.filter((v): v is string => typeof v === 'string')
    : undefined;
  return {
    name: raw.name,
    type,
    ...(typeof raw.description === 'string'
      ? { description: raw.description }
      : {}),
    ...(fallback !== undefined ? { default: fallback } : {}),
    ...(options?.length ? { options } : {}),
  };
}

/** A Pipeline spec's description and params, as a start form needs them. */
export function pipelineParamsOf(spec: PipelineSpecLike | undefined): {
  description?: string;
  params: PipelineParamSpec[];
} {
  const params = Array.isArray(spec?.params)
    ? (spec.params as TektonParamSpec[])
        .map(toParamSpec)
        .filter((p): p is PipelineParamSpec => p !== undefined)
    : [];
  return {
    ...(typeof spec?.description === 'string'
      ? { description: spec.description }
      : {}),
    params,
  };
}

async function getObject<T>(
  { kubeConfig, timeoutMs }: ClusterCall,
  version: TektonVersion,
  plural: 'pipelines' | 'pipelineruns',
  namespace: string,
  name: string,
): Promise<T | undefined> {
  try {
    return (await kubeConfig
      .makeApiClient(CustomObjectsApi)
      .getNamespacedCustomObject(
        { group: 'tekton.dev', version, namespace, plural, name },
        kubeRequestOptions(timeoutMs),
      )) as T;
  } catch (error) {
    if (clusterStatus(error) === 404) return undefined;
    throw toClusterError(error, `Reading ${plural} ${namespace}/${name}`);
  }
}

/**
 * The declared params of the pipeline a run ran: the Pipeline object it references (what a new
 * run would use), else the spec Tekton resolved into the run's status (pipelines from resolvers
 * or embedded specs).
 */
export async function describeTektonPipeline(
  cluster: ClusterCall,
  version: TektonVersion,
  run: PipelineRunWithTasks,
) {
  const namespace = run.namespace!;
  const old = await getObject<TektonPipelineRun>(
    cluster,
    version,
    'pipelineruns',
    namespace,
    run.name,
  );
  const refName = old?.spec?.pipelineRef?.name ?? run.pipelineName;
  const pipeline =
    refName && !old?.spec?.pipelineSpec
      ? await getObject<{ spec?: PipelineSpecLike }>(
          cluster,
          version,
          'pipelines',
          namespace,
          refName,
        )
      : undefined;
  const spec =
    pipeline?.spec ??
    (old?.status as { pipelineSpec?: PipelineSpecLike } | undefined)
      ?.pipelineSpec ??
    (old?.spec?.pipelineSpec as PipelineSpecLike | undefined);
  if (!spec) {
    throw new NotFoundError(
      `Neither Pipeline '${refName ?? run.pipelineName}' nor run '${
        run.name
      }' is in namespace '${namespace}' of cluster '${
        run.cluster
      }' any more: Slipway cannot read the pipeline's params`,
    );
  }
  return pipelineParamsOf(spec);
}

function inheritedLabels(labels: Record<string, string> | undefined) {
  return Object.fromEntries(
    Object.entries(labels ?? {}).filter(
      ([key]) =>
        key !== RERUN_OF_LABEL && !NOT_INHERITED.some(re => re.test(key)),
    ),
  );
}

/**
 * Creates one PipelineRun with `target.params` (the Pipeline's defaults apply to the others):
 * like `target.basedOn` (its pipeline reference or embedded spec, namespace, workspaces, service
 * account and labels, without the labels of the event that triggered it), else of the Pipeline
 * `target.pipelineName` in `target.namespace` as `target.serviceAccountName`.
 */
export async function startTektonPipelineRun(
  cluster: ClusterCall,
  version: TektonVersion,
  target: StartRunTarget & { namespace: string },
  context: RunActionContext,
): Promise<{ name: string; uid?: string }> {
  const old = target.basedOn
    ? await getObject<TektonPipelineRun>(
        cluster,
        version,
        'pipelineruns',
        target.namespace,
        target.basedOn.name,
      )
    : undefined;
  if (target.basedOn && !old) {
    throw new ConflictError(
      `PipelineRun '${target.basedOn.name}' is gone from cluster '${target.basedOn.cluster}'; start the pipeline from a newer run`,
    );
  }
  // the same pipeline as the old run (its reference or embedded spec), in the same place
  const {
    status: _status,
    params: _params,
    ...place
  } = (old?.spec ?? {
    pipelineRef: { name: target.pipelineName },
  }) as Record<string, unknown>;
  let serviceAccount = {};
  if (target.serviceAccountName) {
    const name = target.serviceAccountName;
    serviceAccount =
      version === 'v1'
        ? { taskRunTemplate: { serviceAccountName: name } }
        : { serviceAccountName: name };
  }
  const body = {
    apiVersion: `tekton.dev/${version}`,
    kind: 'PipelineRun',
    metadata: {
      generateName: `${target.pipelineName}-`,
      namespace: target.namespace,
      labels: { ...inheritedLabels(old?.metadata?.labels), ...target.labels },
      annotations: { [ANNOTATION_REQUESTED_BY]: context.requestedBy },
    },
    spec: {
      ...place,
      ...serviceAccount,
      params: target.params,
    },
  };
  try {
    const created = (await cluster.kubeConfig
      .makeApiClient(CustomObjectsApi)
      .createNamespacedCustomObject(
        {
          group: 'tekton.dev',
          version,
          namespace: target.namespace,
          plural: 'pipelineruns',
          body,
        },
        kubeRequestOptions(cluster.timeoutMs),
      )) as TektonPipelineRun;
    return { name: created.metadata?.name ?? '', uid: created.metadata?.uid };
  } catch (error) {
    throw toClusterError(
      error,
      `Starting Pipeline ${target.namespace}/${target.pipelineName}`,
    );
  }
}
