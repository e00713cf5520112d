import { TektonPipelineRun, TektonTaskRun } from './objects';
import { nonEmptyString } from './values';

/** Label Tekton puts on every child of a PipelineRun. */
const PIPELINE_RUN_LABEL = 'tekton.dev/pipelineRun';
/** Label Tekton puts on every child of a PipelineRun: its task name in the pipeline. */
const PIPELINE_TASK_LABEL = 'tekton.dev/pipelineTask';
/** Characters of the 5-character suffix Kubernetes and Tekton append to generated names. */
const GENERATED_SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]{5}';

function pipelineRunOwner(taskRun: TektonTaskRun) {
  const owners = taskRun.metadata?.ownerReferences;
  return Array.isArray(owners)
    ? owners.find(o => o?.kind === 'PipelineRun')
    : undefined;
}

/**
 * Name of the PipelineRun a TaskRun (or CustomRun) belongs to: the `tekton.dev/pipelineRun`
 * label, else the name of an owner reference of kind PipelineRun. `undefined` for standalone
 * runs and for children whose metadata was stripped.
 *
 * @public
 */
export function parentPipelineRunName(
  taskRun: TektonTaskRun,
): string | undefined {
  return (
    nonEmptyString(taskRun.metadata?.labels?.[PIPELINE_RUN_LABEL]) ??
    nonEmptyString(pipelineRunOwner(taskRun)?.name)
  );
}

/**
 * Names of the children a PipelineRun lists: `status.childReferences` (v1, newer v1beta1), then
 * the keys of the old v1beta1 `status.taskRuns` and `status.runs` maps, without duplicates.
 * Empty for v1alpha1 runs and runs that have not started, which list no children.
 *
 * @public
 */
export function childNames(pipelineRun: TektonPipelineRun): string[] {
  const names = new Set<string>();
  const status = pipelineRun.status;
  if (Array.isArray(status?.childReferences)) {
    for (const ref of status.childReferences) {
      const name = nonEmptyString(ref?.name);
      if (name) {
        names.add(name);
      }
    }
  }
  for (const map of [status?.taskRuns, status?.runs]) {
    if (map && typeof map === 'object') {
      Object.keys(map).forEach(name => names.add(name));
    }
  }
  return [...names];
}

/**
 * Whether a TaskRun claims the PipelineRun as its parent: through an owner reference's uid when
 * both uids are known (so a re-created run of the same name does not adopt old children), else
 * through {@link parentPipelineRunName}. Namespaces must agree when both are known.
 *
 * @public
 */
export function isChildOf(
  taskRun: TektonTaskRun,
  pipelineRun: TektonPipelineRun,
): boolean {
  const childNs = nonEmptyString(taskRun.metadata?.namespace);
  const runNs = nonEmptyString(pipelineRun.metadata?.namespace);
  if (childNs && runNs && childNs !== runNs) {
    return false;
  }
  const ownerUid = nonEmptyString(pipelineRunOwner(taskRun)?.uid);
  const runUid = nonEmptyString(pipelineRun.metadata?.uid);
  if (ownerUid && runUid) {
    return ownerUid === runUid;
  }
  const parent = parentPipelineRunName(taskRun);
  return parent !== undefined && parent === pipelineRun.metadata?.name;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Last-resort join for legacy data whose child TaskRuns carry no parent label or owner (only the
 * `tekton.dev/pipelineTask` label): true when the TaskRun has no parent information at all and
 * its name is the one Tekton generates for that pipeline task, `<run>-<pipelineTask>` optionally
 * followed by `-` and a 5-character generated suffix. Namespaces must agree when both are known.
 *
 * @public
 */
export function matchesChildNamePattern(
  taskRun: TektonTaskRun,
  pipelineRun: TektonPipelineRun,
): boolean {
  if (parentPipelineRunName(taskRun) || pipelineRunOwner(taskRun)) {
    return false;
  }
  const childNs = nonEmptyString(taskRun.metadata?.namespace);
  const runNs = nonEmptyString(pipelineRun.metadata?.namespace);
  if (childNs && runNs && childNs !== runNs) {
    return false;
  }
  const runName = nonEmptyString(pipelineRun.metadata?.name);
  const task = nonEmptyString(taskRun.metadata?.labels?.[PIPELINE_TASK_LABEL]);
  const name = nonEmptyString(taskRun.metadata?.name);
  if (!runName || !task || !name) {
    return false;
  }
  const pattern = new RegExp(
    `^${escapeRegExp(`${runName}-${task}`)}(-${GENERATED_SUFFIX})?$`,
  );
  return pattern.test(name);
}
