import {
  createPermissionResourceRef,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import {
  ApprovalRequest,
  RESOURCE_TYPE_DELIVERY_APPROVAL,
} from '@slipway/plugin-delivery-common';

/**
 * A filter over approval requests, for conditional decisions.
 *
 * @public
 */
export type ApprovalQuery = {
  key: 'tier' | 'entityRef' | 'environment';
  values: string[];
};

/**
 * The permission resource of approval requests (resource ref: the request id); with
 * `createConditionExports` from `@backstage/plugin-permission-node` a policy builds conditions.
 *
 * @public
 */
export const approvalResourceRef = createPermissionResourceRef<
  ApprovalRequest,
  ApprovalQuery
>().with({
  pluginId: 'delivery',
  resourceType: RESOURCE_TYPE_DELIVERY_APPROVAL,
});

type ApprovalRule<K extends string> = PermissionRule<
  ApprovalRequest,
  ApprovalQuery,
  typeof RESOURCE_TYPE_DELIVERY_APPROVAL,
  Record<K, string[]>
>;

/**
 * A rule that allows when one field of the request is among the listed values. Params are
 * checked here (a policy may pass anything), so a malformed condition never allows.
 */
function fieldInRule<K extends string>(options: {
  name: string;
  description: string;
  param: K;
  key: ApprovalQuery['key'];
}): ApprovalRule<K> {
  const values = (params: unknown): string[] => {
    const list: unknown = (params as Record<string, unknown> | undefined)?.[
      options.param
    ];
    return Array.isArray(list)
      ? list
          .filter((v): v is string => typeof v === 'string')
          .map(v => v.toLocaleLowerCase('en-US'))
      : [];
  };
  return {
    name: options.name,
    description: options.description,
    resourceType: RESOURCE_TYPE_DELIVERY_APPROVAL,
    apply: (request, params) =>
      values(params).includes(request[options.key].toLocaleLowerCase('en-US')),
    toQuery: params => ({ key: options.key, values: values(params) }),
  };
}

/**
 * Allow when the request promotes to an environment of these tiers: `{ tiers: [production] }`.
 *
 * @public
 */
export const isApprovalForTier = fieldInRule({
  name: 'IS_APPROVAL_FOR_TIER',
  description:
    'Allow when the request promotes to an environment of these tiers',
  param: 'tiers',
  key: 'tier',
});

/**
 * Allow when the request promotes one of these entities: `{ entityRefs: [...] }`.
 *
 * @public
 */
export const isApprovalForEntity = fieldInRule({
  name: 'IS_APPROVAL_FOR_ENTITY',
  description: 'Allow when the request promotes one of these catalog entities',
  param: 'entityRefs',
  key: 'entityRef',
});

/**
 * Allow when the request promotes to one of these environments: `{ environments: [staging] }`.
 *
 * @public
 */
export const isApprovalForEnvironment = fieldInRule({
  name: 'IS_APPROVAL_FOR_ENVIRONMENT',
  description: 'Allow when the request promotes to one of these environments',
  param: 'environments',
  key: 'environment',
});

/**
 * Every rule over approval requests, for the permissions registry and policy authors.
 *
 * @public
 */
export const approvalPermissionRules = [
  isApprovalForTier,
  isApprovalForEntity,
  isApprovalForEnvironment,
];
