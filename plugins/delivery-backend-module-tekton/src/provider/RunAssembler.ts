import { RunStatus } from '@slipway/plugin-delivery-common';
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

/** Label Tekton puts on every child of a PipelineRun: its task name in the pipeline. */
const PIPELINE_TASK_LABEL = 'tekton.dev/pipelineTask';
/** Tekton's generated-name suffix, as `matchesChildNamePattern` accepts it. */
const GENERATED_SUFFIX = /-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

const FINISHED: ReadonlySet<RunStatus> = new Set([
  'succeeded',
  'failed',
  'cancelled',
  'timedOut',
]);

/** Default bound of the children kept while their parent is unknown. */
export const DEFAULT_MAX_WAITING_CHILDREN = 5_000;
/** Default bound of the finished runs kept because a child of theirs is missing or unfinished. */
export const DEFAULT_MAX_HELD_FINISHED = 1_000;

export interface RunAssemblerOptions {
  /**
   * The most TaskRuns kept while the PipelineRun they name is not known (yet); the oldest are
   * forgotten first. Default {@link DEFAULT_MAX_WAITING_CHILDREN}.
   */
  maxWaitingChildren?: number;
  /**
   * The most finished runs kept after they were written because a child they list is missing
   * or still unfinished (its final update may follow); the oldest are forgotten first. Default
   * {@link DEFAULT_MAX_HELD_FINISHED}.
   */
  maxHeldFinished?: number;
  /**
   * Where objects the assembler does not hold can be found, e.g. the informers' caches (which
   * hold every current object of the cluster anyway): a forgotten run's children when the run
   * changes again, and the parent of a child that changes after its run was forgotten.
   */
  lookup?: {
    pipelineRun(namespace: string, name: string): TektonPipelineRun | undefined;
    taskRun(namespace: string, name: string): TektonTaskRun | undefined;
  };
}

/** Map insertion order as an LRU: touching an entry moves it to the end. */
function touch<K>(set: Set<K>, k: K): void {
  set.delete(k);
  set.add(k);
}

/**
 * Joins TaskRuns to their PipelineRuns, whichever arrives first, and tells which runs changed.
 *
 * A TaskRun names its parent by label or owner reference; a stripped TaskRun is only named by its
 * parent's `childReferences`; an old (v1alpha1) run lists no children, and its unlabelled
 * children are recognised by Tekton's child naming (`<run>-<task>[-xxxxx]`, looked up by name,
 * never by scanning). Either way, a change to a child marks the parent changed, and a parent that
 * arrives after its children finds them.
 *
 * Memory is bounded by what is in flight, not by history: once a finished run was written
 * ({@link RunAssembler.written}) and none of its children can still change its record, it and
 * its children are forgotten; children whose parent is unknown, and finished runs that wait for
 * a missing or unfinished child, are kept up to a bound each. Each record carries the
 * PipelineRun's `resourceVersion` as `sourceVersion` and each task the TaskRun's, so that the
 * store never lets an older state overwrite a newer one.
 */
export class RunAssembler {
  readonly #pipelineRuns = new Map<string, TektonPipelineRun>();
  readonly #taskRuns = new Map<string, TektonTaskRun>();
  /** child key → parent key, from labels/owners and from parents' child lists. */
  readonly #parentOf = new Map<string, string>();
  /** parent key → child keys. */
  readonly #childrenOf = new Map<string, Set<string>>();
  readonly #dirty = new Set<string>();
  /** Keys of TaskRuns whose parent is not held, oldest first. */
  readonly #waiting = new Set<string>();
  /** Keys of finished, written runs kept for a missing or unfinished child, oldest first. */
  readonly #heldFinished = new Set<string>();
  /** Keys of runs the cluster deleted, to forget once written. */
  readonly #deleted = new Set<string>();
  /** Keys of runs that list no children (v1alpha1, or not started). */
  readonly #childless = new Set<string>();
  /** `namespace/candidate parent name` → keys of unlabelled children named like its children. */
  readonly #orphansByParent = new Map<string, Set<string>>();
  readonly #maxWaiting: number;
  readonly #maxHeldFinished: number;

  constructor(
    private readonly cluster: string,
    private readonly options: RunAssemblerOptions = {},
  ) {
    this.#maxWaiting =
      options.maxWaitingChildren ?? DEFAULT_MAX_WAITING_CHILDREN;
    this.#maxHeldFinished =
      options.maxHeldFinished ?? DEFAULT_MAX_HELD_FINISHED;
  }

  /** How many objects are held, for tests and metrics. */
  held(): { pipelineRuns: number; taskRuns: number; waiting: number } {
    return {
      pipelineRuns: this.#pipelineRuns.size,
      taskRuns: this.#taskRuns.size,
      waiting: this.#waiting.size,
    };
  }

  /** How many runs changed since the last {@link RunAssembler.takeChanged}. */
  get pending(): number {
    return this.#dirty.size;
  }

  addPipelineRun(run: TektonPipelineRun): void {
    const namespace = run.metadata?.namespace;
    const parent = key(namespace, run.metadata?.name);
    this.#pipelineRuns.set(parent, run);
    this.#heldFinished.delete(parent);
    this.#deleted.delete(parent);
    const children = childNames(run);
    for (const child of children) {
      const childKey = key(namespace, child);
      if (!this.#taskRuns.has(childKey) && namespace) {
        const found = this.options.lookup?.taskRun(namespace, child);
        if (found) this.#taskRuns.set(childKey, found);
      }
      this.link(childKey, parent);
    }
    if (children.length === 0) {
      this.#childless.add(parent);
      this.adoptOrphansOf(parent);
    } else {
      this.#childless.delete(parent);
    }
    // the children that waited for it have their parent now
    for (const child of this.#childrenOf.get(parent) ?? []) {
      this.#waiting.delete(child);
    }
    this.#dirty.add(parent);
  }

  addTaskRun(run: TektonTaskRun): void {
    const namespace = run.metadata?.namespace;
    const child = key(namespace, run.metadata?.name);
    const parentName = parentPipelineRunName(run);
    if (parentName) {
      this.link(child, key(namespace, parentName));
    }
    let parent = this.#parentOf.get(child);
    if (!parent) {
      // no parent named or listing it: an unlabelled child of an old run, known by its name
      const candidates = this.candidateParents(run);
      if (candidates.length === 0) {
        return; // a standalone TaskRun: no pipeline run to report it in
      }
      this.#taskRuns.set(child, run);
      parent = this.adoptByName(child, run, candidates);
    } else {
      this.#taskRuns.set(child, run);
      if (!this.#pipelineRuns.has(parent) && namespace) {
        const found = this.options.lookup?.pipelineRun(
          namespace,
          parent.slice(parent.indexOf('/') + 1),
        );
        if (found) this.addPipelineRun(found);
      }
    }
    if (parent && this.#pipelineRuns.has(parent)) {
      this.#waiting.delete(child);
      this.#dirty.add(parent);
    } else {
      touch(this.#waiting, child);
      this.evictWaiting();
    }
  }

  /**
   * The cluster deleted a PipelineRun (the store keeps it): forgets it once its last change is
   * written.
   */
  removePipelineRun(run: TektonPipelineRun): void {
    const parent = key(run.metadata?.namespace, run.metadata?.name);
    if (!this.#pipelineRuns.has(parent)) return;
    if (this.#dirty.has(parent)) {
      this.#deleted.add(parent);
    } else {
      this.forget(parent);
    }
  }

  /** The cluster deleted a TaskRun: forgotten unless the run it belongs to is held. */
  removeTaskRun(run: TektonTaskRun): void {
    const child = key(run.metadata?.namespace, run.metadata?.name);
    const parent = this.#parentOf.get(child);
    if (!parent || !this.#pipelineRuns.has(parent)) {
      this.forgetChild(child);
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
        const record = pipelineRunToRecord(run, {
          cluster: this.cluster,
          taskRuns,
        });
        const versions: Record<string, string> = {};
        for (const taskRun of taskRuns) {
          const name = taskRun.metadata?.name;
          const version = taskRun.metadata?.resourceVersion;
          if (name && version && record.tasks.some(t => t.name === name)) {
            versions[name] = version;
          }
        }
        records.push({
          ...record,
          ...(run.metadata?.resourceVersion
            ? { sourceVersion: run.metadata.resourceVersion }
            : {}),
          taskSourceVersions: versions,
        });
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
   * The sink stored these records: forgets each finished run that has not changed since, with
   * its children, unless a child it lists is missing or a task is unfinished (a late update of
   * that child is still to come; such runs are kept up to a bound).
   */
  written(records: PipelineRunRecord[]): void {
    for (const record of records) {
      const parent = key(record.namespace, record.name);
      const run = this.#pipelineRuns.get(parent);
      if (!run || this.#dirty.has(parent)) {
        continue;
      }
      if (this.#deleted.has(parent)) {
        this.forget(parent);
        continue;
      }
      if (!FINISHED.has(record.status)) {
        continue;
      }
      const ns = record.namespace;
      const settled =
        record.tasks.every(t => FINISHED.has(t.status)) &&
        childNames(run).every(child => this.#taskRuns.has(key(ns, child)));
      if (settled) {
        this.forget(parent);
      } else {
        touch(this.#heldFinished, parent);
        while (this.#heldFinished.size > this.#maxHeldFinished) {
          const oldest = this.#heldFinished.values().next().value!;
          this.forget(oldest);
        }
      }
    }
  }

  private forget(parent: string): void {
    this.#pipelineRuns.delete(parent);
    this.#heldFinished.delete(parent);
    this.#deleted.delete(parent);
    this.#childless.delete(parent);
    for (const child of this.#childrenOf.get(parent) ?? []) {
      this.forgetChild(child);
    }
    this.#childrenOf.delete(parent);
  }

  private forgetChild(child: string): void {
    const run = this.#taskRuns.get(child);
    this.#taskRuns.delete(child);
    this.#waiting.delete(child);
    const parent = this.#parentOf.get(child);
    this.#parentOf.delete(child);
    if (parent) {
      const siblings = this.#childrenOf.get(parent);
      siblings?.delete(child);
      if (siblings?.size === 0 && !this.#pipelineRuns.has(parent)) {
        this.#childrenOf.delete(parent);
      }
    }
    if (run) {
      for (const candidate of this.candidateParents(run)) {
        const orphans = this.#orphansByParent.get(candidate);
        orphans?.delete(child);
        if (orphans?.size === 0) this.#orphansByParent.delete(candidate);
      }
    }
  }

  private evictWaiting(): void {
    while (this.#waiting.size > this.#maxWaiting) {
      const oldest = this.#waiting.values().next().value!;
      this.forgetChild(oldest);
    }
  }

  /**
   * Keys of the runs an unlabelled child may belong to by Tekton's child naming: its name
   * without `-<pipelineTask>`, or without `-<pipelineTask>-xxxxx`.
   */
  private candidateParents(run: TektonTaskRun): string[] {
    const name = run.metadata?.name;
    const task = run.metadata?.labels?.[PIPELINE_TASK_LABEL];
    if (!name || !task || parentPipelineRunName(run)) return [];
    const namespace = run.metadata?.namespace;
    const out: string[] = [];
    for (const base of [name, name.replace(GENERATED_SUFFIX, '')]) {
      if (base.endsWith(`-${task}`) && base.length > task.length + 1) {
        out.push(key(namespace, base.slice(0, -(task.length + 1))));
      }
    }
    return [...new Set(out)];
  }

  /**
   * Files an unlabelled child under the runs it may belong to, and links it to the first of them
   * that is a childless run it is named after (looked up when not held); answers that run.
   */
  private adoptByName(
    child: string,
    run: TektonTaskRun,
    candidates: string[],
  ): string | undefined {
    for (const candidate of candidates) {
      const orphans = this.#orphansByParent.get(candidate) ?? new Set();
      orphans.add(child);
      this.#orphansByParent.set(candidate, orphans);
    }
    const namespace = run.metadata?.namespace;
    for (const candidate of candidates) {
      const parent = this.#pipelineRuns.get(candidate);
      if (!parent) {
        const found = namespace
          ? this.options.lookup?.pipelineRun(
              namespace,
              candidate.slice(candidate.indexOf('/') + 1),
            )
          : undefined;
        // a childless run adopts its orphans as it is added
        if (found) this.addPipelineRun(found);
      } else if (
        this.#childless.has(candidate) &&
        matchesChildNamePattern(run, parent)
      ) {
        this.adopt(child, candidate);
      }
      const adopted = this.#parentOf.get(child);
      if (adopted) return adopted;
    }
    return undefined;
  }

  private adopt(child: string, parent: string): void {
    this.link(child, parent);
    this.#waiting.delete(child);
    const run = this.#taskRuns.get(child);
    for (const candidate of run ? this.candidateParents(run) : []) {
      const orphans = this.#orphansByParent.get(candidate);
      orphans?.delete(child);
      if (orphans?.size === 0) this.#orphansByParent.delete(candidate);
    }
  }

  /** A childless run arrived: adopt the unlabelled children named after it. */
  private adoptOrphansOf(parent: string): void {
    const run = this.#pipelineRuns.get(parent)!;
    for (const child of [...(this.#orphansByParent.get(parent) ?? [])]) {
      const taskRun = this.#taskRuns.get(child);
      if (taskRun && matchesChildNamePattern(taskRun, run)) {
        this.adopt(child, parent);
      }
    }
  }

  private link(child: string, parent: string): void {
    const previous = this.#parentOf.get(child);
    if (previous && previous !== parent) {
      this.#childrenOf.get(previous)?.delete(child);
    }
    this.#parentOf.set(child, parent);
    const children = this.#childrenOf.get(parent) ?? new Set<string>();
    children.add(child);
    this.#childrenOf.set(parent, children);
  }
}
