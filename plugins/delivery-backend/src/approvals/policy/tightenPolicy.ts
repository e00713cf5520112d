import { ApprovalPolicy, ParsedComponentPolicy } from './policySchema';

/** The stricter of two optional limits, by `pick`; a missing limit does not count. */
function stricter(
  pick: (a: number, b: number) => number,
  a?: number,
  b?: number,
): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return pick(a, b);
}
const minDefined = (a?: number, b?: number) => stricter(Math.min, a, b);
const maxDefined = (a?: number, b?: number) => stricter(Math.max, a, b);

/**
 * A component's policy for an environment on top of the environment's own. Every field can only
 * get stricter: a rule of the same name keeps the environment's approvers and takes the larger
 * count; other component rules are added (all rules must be met); expiry and validity take the
 * shorter, the wait the longer; gates add up.
 */
export function tightenPolicy(
  base: ApprovalPolicy,
  component: ParsedComponentPolicy | undefined,
): ApprovalPolicy {
  if (!component) return base;
  const rules = base.rules.map(r => ({ ...r }));
  for (const extra of component.rules) {
    const same = rules.find(r => r.name === extra.name);
    if (same) {
      same.approvals = Math.max(same.approvals, extra.approvals);
    } else {
      rules.push({ ...extra });
    }
  }
  return {
    rules,
    preventSelfApproval:
      base.preventSelfApproval || component.preventSelfApproval === true,
    requestExpiresAfterMs:
      minDefined(base.requestExpiresAfterMs, component.requestExpiresAfter) ??
      base.requestExpiresAfterMs,
    approvalValidForMs: minDefined(
      base.approvalValidForMs,
      component.approvalValidFor,
    ),
    waitAfterPreviousMs: maxDefined(
      base.waitAfterPreviousMs,
      component.waitAfterPrevious,
    ),
    // only the environment names whom it trusts: a component cannot add to it
    trustedDeploymentSources: base.trustedDeploymentSources,
    unresolvedIdentities:
      base.unresolvedIdentities === 'block' ||
      component.unresolvedIdentities === 'block'
        ? 'block'
        : 'allow',
    securityGate: base.securityGate || component.gates.securityGate,
    metrics: [...new Set([...base.metrics, ...component.gates.metrics])],
  };
}
