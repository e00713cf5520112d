import { createConditionExports } from '@backstage/plugin-permission-node';
import { ApprovalRequest } from '@slipway/plugin-delivery-common';
import {
  approvalResourceRef,
  isApprovalForEntity,
  isApprovalForEnvironment,
  isApprovalForTier,
} from './rules';

const request = {
  tier: 'production',
  entityRef: 'component:default/payments-api',
  environment: 'prod-eu',
} as ApprovalRequest;

describe('approval permission rules', () => {
  it('match on tier, entity and environment, case-insensitively', () => {
    expect(isApprovalForTier.apply(request, { tiers: ['Production'] })).toBe(
      true,
    );
    expect(isApprovalForTier.apply(request, { tiers: ['staging'] })).toBe(
      false,
    );
    expect(
      isApprovalForEntity.apply(request, {
        entityRefs: ['component:default/payments-api'],
      }),
    ).toBe(true);
    expect(
      isApprovalForEnvironment.apply(request, { environments: ['prod-us'] }),
    ).toBe(false);
  });

  it('never allow on malformed params a policy may pass', () => {
    expect(
      isApprovalForTier.apply(request, { tiers: 'production' } as never),
    ).toBe(false);
    expect(isApprovalForTier.apply(request, undefined as never)).toBe(false);
  });

  it('build conditions a policy can return', () => {
    const { conditions } = createConditionExports({
      resourceRef: approvalResourceRef,
      rules: { isApprovalForTier },
    });
    expect(conditions.isApprovalForTier({ tiers: ['production'] })).toEqual({
      rule: 'IS_APPROVAL_FOR_TIER',
      resourceType: 'delivery-approval',
      params: { tiers: ['production'] },
    });
  });
});
