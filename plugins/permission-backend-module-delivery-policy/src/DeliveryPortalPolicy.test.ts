import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  deliveryApprovalDecidePermission,
  deliveryEntityActionPermissions,
  deliveryReadPermissions,
} from '@slipway/plugin-delivery-common';
import { DeliveryPortalPolicy } from './DeliveryPortalPolicy';
import { GroupAncestry } from './GroupAncestry';

const group = (name: string, parent?: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: parent
    ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
    : [],
});

const catalog = catalogServiceMock({
  entities: [
    group('engineering'),
    group('platform-team', 'engineering'),
    group('platform-sre', 'platform-team'),
  ],
});
const user = (ownershipEntityRefs: string[]) => ({
  identity: {
    type: 'user' as const,
    userEntityRef: ownershipEntityRefs[0],
    ownershipEntityRefs,
  },
  credentials: mockCredentials.user(ownershipEntityRefs[0]),
  info: { userEntityRef: ownershipEntityRefs[0], ownershipEntityRefs },
  token: 'unused',
});

describe('DeliveryPortalPolicy', () => {
  const policy = new DeliveryPortalPolicy(
    new GroupAncestry({ catalog, auth: mockServices.auth() }),
  );

  it('makes every entity action conditional on ownership, counting the groups above the user', async () => {
    for (const permission of deliveryEntityActionPermissions) {
      const decision = await policy.handle(
        { permission },
        user(['user:default/sam', 'group:default/platform-sre']),
      );
      expect(decision).toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        conditions: {
          rule: 'IS_ENTITY_OWNER',
          resourceType: 'catalog-entity',
          params: {
            claims: expect.arrayContaining([
              'user:default/sam',
              'group:default/platform-sre',
              'group:default/platform-team',
              'group:default/engineering',
            ]),
          },
        },
      });
    }
  });

  it('gives a user of an unrelated team only their own refs as claims', async () => {
    const decision = await policy.handle(
      { permission: deliveryEntityActionPermissions[0] },
      user(['user:default/ada', 'group:default/payments-team']),
    );
    expect(
      (
        decision as unknown as { conditions: { params: { claims: string[] } } }
      ).conditions.params.claims.sort(),
    ).toEqual(['group:default/payments-team', 'user:default/ada']);
  });

  it('allows reads and leaves approval decisions to the catalog eligibility', async () => {
    for (const permission of [
      ...deliveryReadPermissions,
      deliveryApprovalDecidePermission,
    ]) {
      expect(
        await policy.handle({ permission }, user(['user:default/ada'])),
      ).toEqual({ result: AuthorizeResult.ALLOW });
    }
  });
});
