/**
 * The Slipway delivery backend plugin.
 *
 * @packageDocumentation
 */
export { deliveryPlugin as default } from './plugin';
export {
  approvalPermissionRules,
  approvalResourceRef,
  isApprovalForEntity,
  isApprovalForEnvironment,
  isApprovalForTier,
} from './approvals/permissions/rules';
export type { ApprovalQuery } from './approvals/permissions/rules';
