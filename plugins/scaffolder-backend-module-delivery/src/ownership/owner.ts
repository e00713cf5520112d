import { normaliseEntityRef } from './entityRef';
import { labelValue } from './labelValue';

/** Labels and annotations recording who owns an object Slipway applied. */
export const OWNERSHIP = {
  /** Label: the owning entity, `kind.namespace.name` (label values hold no `:` or `/`). */
  entityLabel: 'slipway.dev/owner-entity',
  /** Annotation: the owning entity's exact ref. */
  entityAnnotation: 'slipway.dev/owner-entity-ref',
  /** Label: the scaffolder task that created it (as a label value). */
  taskLabel: 'slipway.dev/scaffolder-task',
  /** Annotation: that task's exact id. */
  taskAnnotation: 'slipway.dev/scaffolder-task-id',
  /** Annotation: the user who started that task, when known. */
  userAnnotation: 'slipway.dev/created-by',
  managedBy: 'app.kubernetes.io/managed-by',
} as const;

/** Who applies: the entity the objects belong to and the template run. */
export interface Owner {
  /** Full entity ref, kind and namespace lower-cased. */
  entityRef: string;
  /** The scaffolder task id. */
  taskId: string;
  /** The user who started the task, when the scaffolder says. */
  userRef?: string;
}

/** The owner of a scaffolder action run for `entityRef`. */
export function ownerOf(
  ctx: { task: { id: string }; user?: { ref?: string } },
  entityRef: string,
): Owner {
  return {
    entityRef: normaliseEntityRef(entityRef),
    taskId: ctx.task.id,
    ...(ctx.user?.ref ? { userRef: ctx.user.ref } : {}),
  };
}

/** `component.default.checkout-web` for `component:default/checkout-web`. */
export function entityLabelValue(entityRef: string): string {
  return labelValue(entityRef.replace(/[:/]/g, '.').toLowerCase());
}

/** The labels and annotations every object the owner applies carries. */
export function ownershipMetadata(owner: Owner): {
  labels: Record<string, string>;
  annotations: Record<string, string>;
} {
  return {
    labels: {
      [OWNERSHIP.entityLabel]: entityLabelValue(owner.entityRef),
      [OWNERSHIP.taskLabel]: labelValue(owner.taskId),
      [OWNERSHIP.managedBy]: 'slipway',
    },
    annotations: {
      [OWNERSHIP.entityAnnotation]: owner.entityRef,
      [OWNERSHIP.taskAnnotation]: owner.taskId,
      ...(owner.userRef ? { [OWNERSHIP.userAnnotation]: owner.userRef } : {}),
    },
  };
}

/** What an existing object's metadata says about its owner. */
export interface RecordedOwner {
  /** Whether it carries Slipway's owner label at all. */
  labelled: boolean;
  /** The owner entity: the annotation, else the label value. */
  entity?: string;
  taskId?: string;
  userRef?: string;
}

/** Reads the ownership labels and annotations of an existing object. */
export function recordedOwner(metadata: {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}): RecordedOwner {
  const labels = metadata.labels ?? {};
  const annotations = metadata.annotations ?? {};
  const label = labels[OWNERSHIP.entityLabel];
  return {
    labelled: label !== undefined,
    entity: annotations[OWNERSHIP.entityAnnotation] ?? label,
    taskId: annotations[OWNERSHIP.taskAnnotation],
    userRef: annotations[OWNERSHIP.userAnnotation],
  };
}

/** Whether the recorded owner is the owner's entity (label and annotation agree). */
export function sameEntity(
  recorded: RecordedOwner,
  metadata: { labels?: Record<string, string> },
  owner: Owner,
): boolean {
  return (
    metadata.labels?.[OWNERSHIP.entityLabel] ===
      entityLabelValue(owner.entityRef) &&
    recorded.entity?.toLowerCase() === owner.entityRef.toLowerCase()
  );
}

/** `component:default/x (scaffolder task t, started by user:default/ada)`. */
export function describeOwner(recorded: RecordedOwner): string {
  const run = [
    recorded.taskId ? `scaffolder task ${recorded.taskId}` : undefined,
    recorded.userRef ? `started by ${recorded.userRef}` : undefined,
  ].filter(Boolean);
  return `${recorded.entity ?? 'an unknown owner'}${
    run.length ? ` (${run.join(', ')})` : ''
  }`;
}
