import { RunValue, TaskRun } from '@slipway/plugin-delivery-common';
import { PipelineRunRecord } from '@slipway/plugin-delivery-node';
import { gitInfoOf } from './gitInfo';
import {
  TektonEmbeddedChildStatus,
  TektonPipelineRun,
  TektonTaskRun,
} from './objects';
import { isChildOf, matchesChildNamePattern } from './relations';
import { runStateOf } from './status';
import { taskRunToTask } from './taskRunToTask';
import {
  nonEmptyString,
  secondsBetween,
  stringMap,
  toIsoTimestamp,
  toRunValues,
} from './values';

/**
 * Inputs of {@link pipelineRunToRecord} besides the PipelineRun itself.
 *
 * @public
 */
export interface PipelineRunToRecordOptions {
  /** Name of the cluster the run was read from; part of the record and of the fallback uid. */
  cluster: string;
  /**
   * TaskRuns, CustomRuns and Runs known for the run's namespace (more is fine: only children of
   * this run are used).
   */
  taskRuns: TektonTaskRun[];
  /**
   * Names of `finally` pipeline tasks known from elsewhere, e.g. the `spec.finally` of the
   * Pipeline a `pipelineRef` points at; added to the ones found in the run's own pipeline spec.
   */
  finallyTaskNames?: Iterable<string>;
  /**
   * When the object was observed (ISO 8601); `createdAt` falls back to it when the object has no
   * creation, start or completion time. Without it the fallback is the Unix epoch.
   */
  observedAt?: string;
}

/** Label holding the environment a deployment run targets (Slipway convention). */
export const ENVIRONMENT_LABEL = 'slipway.dev/environment';
/** Label holding the uid of the run this run re-ran (Slipway convention). */
export const RERUN_OF_LABEL = 'slipway.dev/rerun-of';

const CHILD_KINDS: ReadonlySet<string> = new Set([
  'TaskRun',
  'CustomRun',
  'Run',
]);

function finallyNamesOf(
  run: TektonPipelineRun,
  extra: Iterable<string> | undefined,
): Set<string> {
  const names = new Set<string>(extra ?? []);
  for (const spec of [run.spec?.pipelineSpec, run.status?.pipelineSpec]) {
    if (Array.isArray(spec?.finally)) {
      for (const task of spec.finally) {
        const name = nonEmptyString(task?.name);
        if (name) {
          names.add(name);
        }
      }
    }
  }
  return names;
}

function embeddedChildren(
  run: TektonPipelineRun,
): Array<[string, TektonEmbeddedChildStatus, string]> {
  const out: Array<[string, TektonEmbeddedChildStatus, string]> = [];
  const maps: Array<[unknown, string]> = [
    [run.status?.taskRuns, 'TaskRun'],
    [run.status?.runs, 'Run'],
  ];
  for (const [map, kind] of maps) {
    if (map && typeof map === 'object' && !Array.isArray(map)) {
      for (const [name, entry] of Object.entries(map)) {
        out.push([name, entry ?? {}, kind]);
      }
    }
  }
  return out;
}

function byStartThenName(a: TaskRun, b: TaskRun): number {
  if (a.startedAt !== b.startedAt) {
    if (!a.startedAt) return 1;
    if (!b.startedAt) return -1;
    return a.startedAt < b.startedAt ? -1 : 1;
  }
  return a.name.localeCompare(b.name);
}

/**
 * The run's tasks, from whichever child list its API version has:
 *
 * - `status.childReferences` (v1, newer v1beta1), in their order: matched by name to the
 *   supplied objects; a reference with no object yet becomes a task from the old embedded map
 *   entry of the same name, else from the reference's own inline status, else `pending`;
 * - the old v1beta1 `status.taskRuns` / `status.runs` maps, ordered by start time (a supplied
 *   object of the same name wins, being at least as fresh);
 * - supplied children that claim the run (label or owner) but are not listed yet are appended;
 * - with no child list at all (v1alpha1, or not started): the supplied children that claim the
 *   run, or, for legacy data without parent metadata, whose names follow Tekton's child naming
 *   (see `matchesChildNamePattern`), ordered by start time.
 */
function tasksOf(
  run: TektonPipelineRun,
  options: PipelineRunToRecordOptions,
): TaskRun[] {
  const finallyNames = finallyNamesOf(run, options.finallyTaskNames);
  const runNs = nonEmptyString(run.metadata?.namespace);
  const supplied = (Array.isArray(options.taskRuns) ? options.taskRuns : [])
    .filter(
      (tr): tr is TektonTaskRun =>
        typeof tr === 'object' && tr !== null && !Array.isArray(tr),
    )
    .filter(tr => !tr.kind || CHILD_KINDS.has(tr.kind))
    .filter(tr => {
      const ns = nonEmptyString(tr.metadata?.namespace);
      return !ns || !runNs || ns === runNs;
    });
  const byName = new Map<string, TektonTaskRun>();
  for (const tr of supplied) {
    const name = nonEmptyString(tr.metadata?.name);
    if (name && !byName.has(name)) {
      byName.set(name, tr);
    }
  }
  // TaskRuns inherit the PipelineRun's labels: only a label of their own marks a deploy task
  const runEnvironment = nonEmptyString(
    run.metadata?.labels?.[ENVIRONMENT_LABEL],
  );
  const asChildOfRun = ({ environment, ...task }: TaskRun): TaskRun => ({
    ...task,
    isFinally: finallyNames.has(task.pipelineTaskName),
    ...(environment && environment !== runEnvironment ? { environment } : {}),
  });

  const refs = Array.isArray(run.status?.childReferences)
    ? run.status.childReferences
    : [];
  const embedded = embeddedChildren(run);
  const embeddedByName = new Map(embedded.map(e => [e[0], e] as const));
  const tasks: TaskRun[] = [];
  const used = new Set<string>();

  for (const ref of refs) {
    const name = nonEmptyString(ref?.name);
    if (!name || used.has(name)) {
      continue;
    }
    used.add(name);
    const ctx = {
      pipelineTaskName: nonEmptyString(ref.pipelineTaskName),
      kind: nonEmptyString(ref.kind),
    };
    const obj = byName.get(name);
    const entry = embeddedByName.get(name);
    if (obj) {
      tasks.push(asChildOfRun(taskRunToTask(obj, ctx)));
    } else if (entry) {
      tasks.push(
        asChildOfRun(
          taskRunToTask(
            { metadata: { name }, status: entry[1].status },
            {
              pipelineTaskName:
                ctx.pipelineTaskName ??
                nonEmptyString(entry[1].pipelineTaskName),
              kind: ctx.kind ?? entry[2],
            },
          ),
        ),
      );
    } else {
      tasks.push(
        asChildOfRun(
          taskRunToTask(
            { metadata: { name }, status: ref.status },
            { ...ctx, statusIsSummary: true },
          ),
        ),
      );
    }
  }

  const fromMaps: TaskRun[] = [];
  for (const [name, entry, kind] of embedded) {
    if (used.has(name)) {
      continue;
    }
    used.add(name);
    const ctx = {
      pipelineTaskName: nonEmptyString(entry.pipelineTaskName),
      kind,
    };
    const obj = byName.get(name);
    fromMaps.push(
      asChildOfRun(
        taskRunToTask(obj ?? { metadata: { name }, status: entry.status }, ctx),
      ),
    );
  }
  // Map keys carry no order (Go serialises them sorted by name): order by start time instead.
  tasks.push(...fromMaps.sort(byStartThenName));

  const listed = refs.length > 0 || embedded.length > 0;
  const claimed = supplied
    .filter(tr => {
      const name = nonEmptyString(tr.metadata?.name);
      if (!name || used.has(name)) {
        return false;
      }
      return (
        isChildOf(tr, run) || (!listed && matchesChildNamePattern(tr, run))
      );
    })
    .map(tr => asChildOfRun(taskRunToTask(tr)))
    .sort(byStartThenName);
  return [...tasks, ...claimed];
}

function stringResult(
  values: RunValue[] | undefined,
  name: string,
): string | undefined {
  const value = values?.find(v => v.name === name)?.value;
  return typeof value === 'string' ? nonEmptyString(value.trim()) : undefined;
}

function imageFrom(
  values: RunValue[] | undefined,
): { url?: string; digest?: string } | undefined {
  const url = stringResult(values, 'IMAGE_URL');
  const digest = stringResult(values, 'IMAGE_DIGEST');
  if (!url && !digest) {
    return undefined;
  }
  return { ...(url ? { url } : {}), ...(digest ? { digest } : {}) };
}

/**
 * The pipeline a run belongs to: the `tekton.dev/pipeline` label, except when Tekton set it to
 * the run's own name (runs with an embedded `pipelineSpec`); then `spec.pipelineRef.name`; then
 * the Pipelines-as-Code template name (`pipelinesascode.tekton.dev/original-prname`); then the
 * run name without its generated suffix (`metadata.generateName` without the trailing `-`, and
 * without `-rerun` on Slipway reruns; or the name without a trailing `-xxxxx` of Kubernetes'
 * generated-name characters).
 */
function pipelineNameOf(
  run: TektonPipelineRun,
  name: string,
): string | undefined {
  const metadata = run.metadata;
  const label = nonEmptyString(metadata?.labels?.['tekton.dev/pipeline']);
  const ref = nonEmptyString(run.spec?.pipelineRef?.name);
  if (label && (label !== name || ref)) {
    return label;
  }
  const pacName =
    nonEmptyString(
      metadata?.annotations?.['pipelinesascode.tekton.dev/original-prname'],
    ) ??
    nonEmptyString(
      metadata?.labels?.['pipelinesascode.tekton.dev/original-prname'],
    );
  // Slipway reruns are created with generateName `<pipeline>-rerun-` (see RERUN_OF_LABEL).
  const isRerun = Boolean(nonEmptyString(metadata?.labels?.[RERUN_OF_LABEL]));
  let generateName = metadata?.generateName?.replace(/-+$/, '');
  if (generateName && isRerun) {
    generateName = generateName.replace(/-rerun$/, '');
  }
  const stripped = nonEmptyString(
    name.replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, ''),
  );
  return ref ?? pacName ?? nonEmptyString(generateName) ?? stripped;
}

/**
 * The environment a deployment run targets. Convention: the `slipway.dev/environment` label on
 * the PipelineRun (set by the trigger or template that starts deployments), else a string param
 * named `environment` (any casing), which deployment pipelines commonly take anyway.
 */
function environmentOf(
  labels: Record<string, string> | undefined,
  params: RunValue[] | undefined,
): string | undefined {
  const fromLabel = nonEmptyString(labels?.[ENVIRONMENT_LABEL]);
  if (fromLabel) {
    return fromLabel;
  }
  const value = params?.find(
    p => p.name.toLowerCase() === 'environment',
  )?.value;
  return typeof value === 'string' ? nonEmptyString(value) : undefined;
}

/**
 * A Tekton PipelineRun (tekton.dev/v1, v1beta1 or v1alpha1; apiVersion, kind and metadata may be
 * missing) and its children as a Slipway {@link PipelineRunRecord}.
 *
 * - `uid` is `metadata.uid`, else `<cluster>/<namespace>/<name>`;
 * - status, reason and message from the Succeeded condition (see `runStateOf`); `createdAt` is
 *   the creation timestamp, else the start, else the completion, else `options.observedAt`;
 *   `durationSeconds` is completion minus start; `queueSeconds` is left to the backend;
 * - tasks from the child list of whichever API version (see `tasksOf`), `isFinally` from the
 *   run's pipeline spec `finally` names plus `options.finallyTaskNames`;
 * - params from `spec.params`, results from `status.results` (v1) or `status.pipelineResults`
 *   (v1beta1); `image` from the `IMAGE_URL` / `IMAGE_DIGEST` results of the run, else of the
 *   first task that has them;
 * - `signed` when Tekton Chains annotated `chains.tekton.dev/signed: "true"`;
 * - `kubernetesId` from the `backstage.io/kubernetes-id` label, `labels` as they are;
 * - `environment` from {@link ENVIRONMENT_LABEL}, else an `environment` param; a task's
 *   `environment` (its TaskRun's own {@link ENVIRONMENT_LABEL}) only when it differs from the
 *   run's label, which every TaskRun inherits;
 * - `rerunOf` from {@link RERUN_OF_LABEL};
 * - `git` from Pipelines-as-Code, Lighthouse and Triggers metadata, then params (see `gitInfoOf`).
 *
 * Throws a `TypeError` for input that is not an object, or whose `kind` is set and is not
 * `PipelineRun`.
 *
 * @public
 */
export function pipelineRunToRecord(
  obj: TektonPipelineRun,
  options: PipelineRunToRecordOptions,
): PipelineRunRecord {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    throw new TypeError('Expected a Tekton PipelineRun object');
  }
  const kind = nonEmptyString(obj.kind);
  if (kind && kind !== 'PipelineRun') {
    throw new TypeError(`Expected a PipelineRun, got kind ${kind}`);
  }

  const metadata = obj.metadata;
  const status = obj.status ?? undefined;
  const name =
    nonEmptyString(metadata?.name) ??
    nonEmptyString(metadata?.generateName) ??
    '';
  const namespace = nonEmptyString(metadata?.namespace);
  const labels = stringMap(metadata?.labels);
  const annotations = stringMap(metadata?.annotations);
  const state = runStateOf(status);

  const startedAt = toIsoTimestamp(status?.startTime);
  const completedAt = toIsoTimestamp(status?.completionTime);
  const createdAt =
    toIsoTimestamp(metadata?.creationTimestamp) ??
    startedAt ??
    completedAt ??
    toIsoTimestamp(options.observedAt) ??
    new Date(0).toISOString();

  const tasks = tasksOf(obj, options);
  const params = toRunValues(obj.spec?.params);
  const results = toRunValues(
    Array.isArray(status?.results) ? status.results : status?.pipelineResults,
  );
  const image =
    imageFrom(results) ??
    tasks.map(t => imageFrom(t.results)).find(i => i !== undefined);

  return {
    uid:
      nonEmptyString(metadata?.uid) ??
      `${options.cluster}/${namespace ?? ''}/${name}`,
    provider: 'tekton',
    cluster: options.cluster,
    namespace,
    name,
    pipelineName: pipelineNameOf(obj, name),
    status: state.status,
    reason: state.reason,
    message: state.message,
    createdAt,
    startedAt,
    completedAt,
    durationSeconds: secondsBetween(startedAt, completedAt),
    git: gitInfoOf(obj),
    environment: environmentOf(labels, params),
    rerunOf: nonEmptyString(labels?.[RERUN_OF_LABEL]),
    params,
    results,
    image,
    signed: annotations?.['chains.tekton.dev/signed'] === 'true',
    tasks,
    kubernetesId: nonEmptyString(labels?.['backstage.io/kubernetes-id']),
    labels,
  };
}
