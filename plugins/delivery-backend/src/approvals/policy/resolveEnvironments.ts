import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ENVIRONMENT_TIER,
  ANNOTATION_ENVIRONMENTS,
} from '@slipway/plugin-delivery-common';
import {
  ApprovalPolicy,
  componentPoliciesSchema,
  describeZodError,
  environmentPolicySchema,
  NO_APPROVAL_POLICY,
  toApprovalPolicy,
} from './policySchema';
import { tightenPolicy } from './tightenPolicy';

/** One of a component's environments with the policy that applies to the component there. */
export interface ResolvedEnvironment {
  name: string;
  entityRef: string;
  tier: string;
  description?: string;
  /** Absent: promotions need no approval. */
  policy?: ApprovalPolicy;
  /** Why the environment or its policy cannot be used, naming the entity and field. */
  error?: string;
}

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** The environment refs a component lists, in promotion order. */
export function listedEnvironments(component: Entity): string[] {
  const value = component.metadata.annotations?.[ANNOTATION_ENVIRONMENTS];
  if (!value) return [];
  return value
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(s =>
      lower(
        stringifyEntityRef(
          parseEntityRef(s, {
            defaultKind: 'resource',
            defaultNamespace: component.metadata.namespace ?? 'default',
          }),
        ),
      ),
    );
}

function environmentPolicy(
  env: Entity,
  ref: string,
): { policy?: ApprovalPolicy; error?: string } {
  const spec = env.spec as Record<string, unknown> | undefined;
  if (spec?.approval === undefined) return {};
  const parsed = environmentPolicySchema.safeParse(spec.approval);
  if (!parsed.success) {
    return {
      error: `${ref}: ${describeZodError(parsed.error, 'spec.approval')}`,
    };
  }
  return { policy: toApprovalPolicy(parsed.data) };
}

/**
 * The environments of a component, as the catalog describes them: each listed ref must be a
 * Resource of type `environment`; its `spec.approval` is tightened by the component's
 * `spec.approvalPolicy.<name>`. Problems are reported per environment, not thrown.
 */
export async function resolveEnvironments(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  component: Entity,
): Promise<ResolvedEnvironment[]> {
  let refs: string[];
  try {
    refs = listedEnvironments(component);
  } catch (e) {
    return [
      {
        name: '?',
        entityRef: '?',
        tier: 'unknown',
        error: `${ANNOTATION_ENVIRONMENTS}: ${(e as Error).message}`,
      },
    ];
  }
  if (refs.length === 0) return [];
  const componentRef = lower(stringifyEntityRef(component));
  const overrides = componentPoliciesSchema.safeParse(
    (component.spec as Record<string, unknown> | undefined)?.approvalPolicy ??
      {},
  );
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs: refs },
    { credentials },
  );
  return refs.map((ref, i): ResolvedEnvironment => {
    const name = parseEntityRef(ref).name;
    const env = items[i];
    if (!env) {
      return {
        name,
        entityRef: ref,
        tier: 'unknown',
        error: `${ref} is not in the catalog`,
      };
    }
    const base = {
      name,
      entityRef: ref,
      tier:
        env.metadata.annotations?.[ANNOTATION_ENVIRONMENT_TIER] ?? 'unknown',
      description: env.metadata.description,
    };
    if (
      env.kind.toLocaleLowerCase('en-US') !== 'resource' ||
      env.spec?.type !== 'environment'
    ) {
      return { ...base, error: `${ref} is not a Resource of type environment` };
    }
    if (!overrides.success) {
      return {
        ...base,
        error: `${componentRef}: ${describeZodError(
          overrides.error,
          'spec.approvalPolicy',
        )}`,
      };
    }
    const own = environmentPolicy(env, ref);
    if (own.error) return { ...base, error: own.error };
    const tightening = overrides.data[name];
    if (!own.policy && !tightening) return base;
    const policy = tightenPolicy(own.policy ?? NO_APPROVAL_POLICY, tightening);
    return { ...base, policy };
  });
}
