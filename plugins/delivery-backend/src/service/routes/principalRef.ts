import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** `user:default/ada`, or `service:<subject>` for a pipeline's token. */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.type === 'user'
    ? principal.userEntityRef!.toLocaleLowerCase('en-US')
    : `service:${principal.subject ?? 'unknown'}`;
}
