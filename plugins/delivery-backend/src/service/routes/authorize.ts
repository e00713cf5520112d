import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { BasicPermission } from '@backstage/plugin-permission-common';
import { Request } from 'express';
import { requirePermission } from '../requirePermission';

/**
 * Reads the caller's credentials (401 without) and checks the permission (403 when denied).
 */
export async function authorize(
  deps: { httpAuth: HttpAuthService; permissions: PermissionsService },
  req: Request,
  permission: BasicPermission,
): Promise<BackstageCredentials> {
  const credentials = await deps.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  await requirePermission(deps.permissions, permission, credentials);
  return credentials;
}
