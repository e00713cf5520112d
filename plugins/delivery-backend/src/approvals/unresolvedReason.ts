import { ApprovalRequest } from '@slipway/plugin-delivery-common';

/** Why nobody may decide a request whose named identities are not all known. */
export function unresolvedReason(request: ApprovalRequest): string {
  return `Nobody may decide until ${(request.unresolvedIdentities ?? []).join(
    ', ',
  )} is matched to a catalog user (e-mail, or a github.com/user-login / gitlab.com/user-login annotation) or the request is cancelled: the policy blocks on identities it cannot check for self-approval`;
}
