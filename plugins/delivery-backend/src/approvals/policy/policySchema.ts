import { Duration } from 'luxon';
import { z } from 'zod';

/** `accuracy >= 0.8`: a result name, a comparison and a number. */
export const METRIC_EXPRESSION =
  /^\s*([A-Za-z][\w.-]*)\s*(>=|<=|==|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** A duration as ISO 8601 (`PT24H`) or a Backstage HumanDuration object (`{ hours: 24 }`). */
const duration = z
  .union([
    z.string(),
    z
      .object({
        weeks: z.number().nonnegative(),
        days: z.number().nonnegative(),
        hours: z.number().nonnegative(),
        minutes: z.number().nonnegative(),
      })
      .partial()
      .strict(),
  ])
  .transform((value, ctx) => {
    const parsed =
      typeof value === 'string'
        ? Duration.fromISO(value)
        : Duration.fromObject(value);
    if (!parsed.isValid || parsed.toMillis() <= 0) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `'${JSON.stringify(
          value,
        )}' is not a positive duration (ISO 8601 like PT24H, or { hours: 24 })`,
      });
      return z.NEVER;
    }
    return parsed.toMillis();
  });

const rule = z
  .object({
    name: z.string().min(1).max(100),
    approvals: z.number().int().min(1).max(50),
    /** `user:…` and `group:…` refs (a group includes its child groups), or `owners`. */
    from: z.array(z.string().min(1)).min(1),
  })
  .strict();

const gates = z
  .object({
    securityGate: z.boolean().default(false),
    metrics: z
      .array(
        z
          .string()
          .regex(
            METRIC_EXPRESSION,
            "must look like 'accuracy >= 0.8' (result name, comparison, number)",
          ),
      )
      .default([]),
  })
  .strict();

/** `spec.approval` of an environment entity. */
export const environmentPolicySchema = z
  .object({
    rules: z.array(rule).default([]),
    preventSelfApproval: z.boolean().default(true),
    requestExpiresAfter: duration.optional(),
    approvalValidFor: duration.optional(),
    waitAfterPrevious: duration.optional(),
    /**
     * Principals (`user:…`, `service:…`) whose deployments posted through the events API count
     * for the soak gate, besides those Slipway observed itself (pipeline runs, provider modules).
     */
    trustedDeploymentSources: z.array(z.string().min(1).max(255)).default([]),
    /**
     * A triggerer or commit author the catalog does not know: `block` (default) lets nobody
     * decide until it is mapped or the request cancelled; `allow` shows it and goes on.
     */
    unresolvedIdentities: z.enum(['block', 'allow']).default('block'),
    gates: gates.default({}),
  })
  .strict();

/** `spec.approvalPolicy.<environment>` of a component: may only tighten. */
export const componentPolicySchema = environmentPolicySchema
  .omit({ preventSelfApproval: true, trustedDeploymentSources: true })
  .extend({ preventSelfApproval: z.literal(true).optional() });

/** The `spec.approvalPolicy` of a component, keyed by environment name. */
export const componentPoliciesSchema = z.record(
  z.string(),
  componentPolicySchema,
);

/** A policy with every default applied; durations in milliseconds. */
export interface ApprovalPolicy {
  rules: Array<{ name: string; approvals: number; from: string[] }>;
  preventSelfApproval: boolean;
  requestExpiresAfterMs: number;
  approvalValidForMs?: number;
  waitAfterPreviousMs?: number;
  /** Principals whose API-posted deployments the soak gate trusts. */
  trustedDeploymentSources: string[];
  unresolvedIdentities: 'block' | 'allow';
  securityGate: boolean;
  metrics: string[];
}

export const DEFAULT_REQUEST_EXPIRY_MS = 72 * 3_600_000;

type ParsedPolicy = z.output<typeof environmentPolicySchema>;
type ParsedComponentPolicy = z.output<typeof componentPolicySchema>;

/** Applies the defaults to a parsed environment policy. */
export function toApprovalPolicy(parsed: ParsedPolicy): ApprovalPolicy {
  return {
    rules: parsed.rules,
    preventSelfApproval: parsed.preventSelfApproval,
    requestExpiresAfterMs:
      parsed.requestExpiresAfter ?? DEFAULT_REQUEST_EXPIRY_MS,
    approvalValidForMs: parsed.approvalValidFor,
    waitAfterPreviousMs: parsed.waitAfterPrevious,
    unresolvedIdentities: parsed.unresolvedIdentities,
    trustedDeploymentSources: parsed.trustedDeploymentSources.map(s =>
      s.toLocaleLowerCase('en-US'),
    ),
    securityGate: parsed.gates.securityGate,
    metrics: parsed.gates.metrics,
  };
}

export type { ParsedComponentPolicy };

/** The policy of an environment that sets no `spec.approval`: no rules, default expiry. */
export const NO_APPROVAL_POLICY: ApprovalPolicy = toApprovalPolicy(
  environmentPolicySchema.parse({}),
);

/** `error` at `spec.approval.rules.0.approvals` as one line for a 4xx message. */
export function describeZodError(error: z.ZodError, prefix: string): string {
  return error.issues
    .map(issue => `${[prefix, ...issue.path].join('.')}: ${issue.message}`)
    .join('; ');
}
