import { PipelineRunRecord } from '@slipway/plugin-delivery-node';
import {
  childNames,
  matchesChildNamePattern,
  parentPipelineRunName,
  pipelineRunToRecord,
  TektonPipelineRun,
  TektonTaskRun,
} from '../tekton';

const key = (namespace: string | undefined, name: string | undefined) =>
  `${namespace ?? ''}/${name ?? ''}`;

/**
 * Joins TaskRuns to their PipelineRuns, whichever arrives first, and tells which runs changed.
 *
 * A TaskRun names its parent by label or owner reference; a stripped TaskRun is only named by its
 * parent's `childReferences`; an old (v1alpha1) run lists no children, and its unlabelled
 * children are recognised by Tekton's child naming (`<run>-<task>[-xxxxx]`). Either way, a change
 * to a child marks the parent changed, and a parent that arrives after its children finds them.
 */
export class RunAssembler {
  readonly #pipelineRuns = new Map<string, TektonPipelineRun>();
  readonly #taskRuns = new Map<string, TektonTaskRun>();
  /** child key → parent key, from labels/owners and from parents' child lists. */
  readonly #parentOf = new Map<string, string>();
  /** parent key → child keys. */
  readonly #childrenOf = new Map<string, Set<string>>();
  readonly #dirty = new Set<string>();
  /** namespace → keys of runs that list no children, and of children that name no parent. */
  readonly #childless = new Map<string, Set<string>>();
  readonly #orphans = new Map<string, Set<string>>();

  constructor(private readonly cluster: string) {}

  addPipelineRun(run: TektonPipelineRun): void {
    const parent = key(run.metadata?.namespace, run.metadata?.name);
    this.#pipelineRuns.set(parent, run);
    const children = childNames(run);
    for (const child of children) {
      this.link(key(run.metadata?.namespace, child), parent);
    }
    if (children.length === 0) {
      this.adoptByName(run.metadata?.namespace, parent, [parent]);
    } else {
      this.#childless.get(run.metadata?.namespace ?? '')?.delete(parent);
    }
    this.#dirty.add(parent);
  }

  addTaskRun(run: TektonTaskRun): void {
    const child = key(run.metadata?.namespace, run.metadata?.name);
    this.#taskRuns.set(child, run);
    const parentName = parentPipelineRunName(run);
    if (parentName) {
      this.link(child, key(run.metadata?.namespace, parentName));
    }
    if (!this.#parentOf.has(child)) {
      this.adoptByName(run.metadata?.namespace, child, []);
    }
    const parent = this.#parentOf.get(child);
    if (parent && this.#pipelineRuns.has(parent)) {
      this.#dirty.add(parent);
    }
  }

  /** Records of every PipelineRun changed since the last call. */
  takeChanged(): PipelineRunRecord[] {
    const records: PipelineRunRecord[] = [];
    for (const parent of this.#dirty) {
      const run = this.#pipelineRuns.get(parent);
      if (run) {
        const taskRuns = [...(this.#childrenOf.get(parent) ?? [])]
          .map(child => this.#taskRuns.get(child))
          .filter((t): t is TektonTaskRun => Boolean(t));
        records.push(
          pipelineRunToRecord(run, { cluster: this.cluster, taskRuns }),
        );
      }
    }
    this.#dirty.clear();
    return records;
  }

  /** Marks runs changed again, e.g. after the sink failed to store them. */
  markChanged(records: PipelineRunRecord[]): void {
    for (const record of records) {
      this.#dirty.add(key(record.namespace, record.name));
    }
  }

  /**
   * Pairs childless runs with unlabelled children of the same namespace by name. `entry` is the
   * new object's key; `asRun` holds it when it is a run (else it is an orphan child).
   */
  private adoptByName(
    namespace: string | undefined,
    entry: string,
    asRun: string[],
  ): void {
    const ns = namespace ?? '';
    const own = asRun.length ? this.#childless : this.#orphans;
    const other = asRun.length ? this.#orphans : this.#childless;
    own.set(ns, (own.get(ns) ?? new Set()).add(entry));
    for (const candidate of other.get(ns) ?? []) {
      const [parent, child] = asRun.length
        ? [entry, candidate]
        : [candidate, entry];
      const run = this.#pipelineRuns.get(parent);
      const taskRun = this.#taskRuns.get(child);
      if (run && taskRun && matchesChildNamePattern(taskRun, run)) {
        this.link(child, parent);
        this.#orphans.get(ns)?.delete(child);
      }
    }
  }

  private link(child: string, parent: string): void {
    this.#parentOf.set(child, parent);
    const children = this.#childrenOf.get(parent) ?? new Set<string>();
    children.add(child);
    this.#childrenOf.set(parent, children);
  }
}
