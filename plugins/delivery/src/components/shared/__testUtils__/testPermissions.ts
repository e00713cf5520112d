import { MockPermissionApi } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';

type Handler = NonNullable<ConstructorParameters<typeof MockPermissionApi>[0]>;
/** A permission request as the frontend permission API receives it. */
export type PermissionRequest = Parameters<Handler>[0];
type Decision = ReturnType<Handler>;

/**
 * A permission API deciding with `allow`, which records every request it was asked (to assert
 * the permission name and the resource ref).
 */
export function recordingPermissionApi(
  allow: (request: PermissionRequest) => boolean,
) {
  const requests: PermissionRequest[] = [];
  const api = new MockPermissionApi(request => {
    requests.push(request);
    return (allow(request) ? 'ALLOW' : 'DENY') as Decision;
  });
  return { api, requests };
}

/**
 * Like the portal's default policy for entity actions: allowed on the entities in `owned` (the
 * user owns them), denied on any other.
 */
export function ownerPermissionApi(...owned: string[]) {
  return recordingPermissionApi(request =>
    owned.includes(request.resourceRef ?? ''),
  );
}

/** A permission API that never decides: permissions stay loading. */
export const undecidedPermissionApi = {
  authorize: () => new Promise<never>(() => {}),
};

let sequence = 0;

/**
 * A ref for the entity `name` in a namespace of its own. `usePermission` caches decisions per
 * permission and resource ref for a whole test file (SWR), and does not ask again within 2 s:
 * a fresh ref per test makes each test get its own decision and its own requests.
 */
export function freshEntityRef(name = 'payments-api') {
  sequence += 1;
  return `component:test-${sequence}/${name}`;
}

/** The request for `permission` on `resourceRef`, as a matcher. */
export function permissionRequest(permission: string, resourceRef: string) {
  return expect.objectContaining({
    permission: expect.objectContaining({ name: permission }),
    resourceRef,
  });
}

/** The button named `name` once it is enabled (buttons are disabled until allowed). */
export async function enabledButton(name: string | RegExp) {
  await waitFor(() =>
    expect(screen.getByRole('button', { name })).toBeEnabled(),
  );
  return screen.getByRole('button', { name });
}
