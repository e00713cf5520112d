import {
  FINDING_SEVERITIES,
  FindingSeverity,
  SecurityGateVerdict,
} from '@slipway/plugin-delivery-common';
import { GatePolicy } from './findingsConfig';
import { GateCounts } from './FindingsStore';

/** Severities at or above a threshold. */
function atOrAbove(threshold: FindingSeverity): FindingSeverity[] {
  return FINDING_SEVERITIES.slice(0, FINDING_SEVERITIES.indexOf(threshold) + 1);
}

/** The gate verdict, with one reason per rule that fails. */
export function evaluateGate(
  counts: GateCounts,
  policy: GatePolicy,
): SecurityGateVerdict {
  const reasons: string[] = [];
  if (policy.failOnOpen) {
    for (const s of atOrAbove(policy.failOnOpen)) {
      if (counts.open[s] > 0)
        reasons.push(`${counts.open[s]} open ${s} finding(s)`);
    }
  }
  if (policy.failOnOverdue) {
    for (const s of atOrAbove(policy.failOnOverdue)) {
      if (counts.overdue[s] > 0)
        reasons.push(
          `${counts.overdue[s]} ${s} finding(s) open past their SLA`,
        );
    }
  }
  if (policy.failOnSecrets && counts.openSecrets > 0) {
    reasons.push(`${counts.openSecrets} open secret(s)`);
  }
  return { passed: reasons.length === 0, reasons, ...counts };
}
