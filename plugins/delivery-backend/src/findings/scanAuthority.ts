import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { PipelineRunWithTasks } from '@slipway/plugin-delivery-common';

/** Whether an uploaded scan may mark findings fixed, and why not. */
export interface ScanAuthority {
  closes: boolean;
  /** Why a complete scan marks nothing fixed. */
  reason?: string;
}

/**
 * Decides whether a scan may close findings (and so clear the security gate): one linked to a
 * run of the entity may (a service, e.g. the entity's pipeline, may name a run Slipway has not
 * stored yet); one uploaded by an owner of the entity may. Any other scan only adds what it
 * found. A scan naming a run of another entity is refused (400), nothing stored.
 */
export async function scanAuthority(
  deps: {
    getRun(uid: string): Promise<PipelineRunWithTasks | undefined>;
    /** The users who own the entity (a user owner, or its owning group's members). */
    ownersOf(entity: Entity): Promise<string[]>;
  },
  input: {
    entity: Entity;
    entityRef: string;
    runUid?: string;
    credentials: BackstageCredentials;
  },
): Promise<ScanAuthority> {
  const { entityRef, runUid, credentials } = input;
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
  };
  if (runUid) {
    const run = await deps.getRun(runUid);
    const owner = run?.entityRef?.toLocaleLowerCase('en-US');
    if (run && owner !== entityRef) {
      throw new InputError(
        `Run '${runUid}' is a run of ${
          owner ?? 'no catalog entity'
        }, not of ${entityRef}: its scans cannot change ${entityRef}'s findings`,
      );
    }
    if (run || principal.type === 'service') return { closes: true };
  }
  if (
    principal.userEntityRef &&
    (await deps.ownersOf(input.entity)).includes(
      principal.userEntityRef.toLocaleLowerCase('en-US'),
    )
  ) {
    return { closes: true };
  }
  return {
    closes: false,
    reason: `the scan is linked to no run of ${entityRef} and was not uploaded by one of its owners, so no finding was marked fixed`,
  };
}
