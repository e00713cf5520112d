import { RootConfigService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  FINDING_SEVERITIES,
  FindingSeverity,
} from '@slipway/plugin-delivery-common';

/** What fails the security gate. Thresholds are "this severity or worse"; undefined = never. */
export interface GatePolicy {
  failOnOpen?: FindingSeverity;
  failOnOverdue?: FindingSeverity;
  failOnSecrets: boolean;
}

export interface FindingsConfig {
  maxUploadBytes: number;
  slaDays: Record<FindingSeverity, number>;
  gate: GatePolicy;
}

const DEFAULT_SLA: Record<FindingSeverity, number> = {
  critical: 7,
  high: 30,
  medium: 90,
  low: 120,
  info: 365,
};

/** Entity annotations that tighten (never loosen) the configured gate. */
export const ANNOTATION_GATE_FAIL_ON_OPEN =
  'slipway.dev/security-gate-fail-on-open';
export const ANNOTATION_GATE_FAIL_ON_OVERDUE =
  'slipway.dev/security-gate-fail-on-overdue';

function severity(
  value: string | undefined,
  key: string,
): FindingSeverity | undefined {
  if (value === undefined || value === 'none') return undefined;
  if (!FINDING_SEVERITIES.includes(value as FindingSeverity)) {
    throw new InputError(
      `${key} must be one of ${FINDING_SEVERITIES.join(
        ', ',
      )} or none, got '${value}'`,
    );
  }
  return value as FindingSeverity;
}

/** Reads `delivery.findings` (upload limit, SLA days per severity, gate). */
export function readFindingsConfig(config: RootConfigService): FindingsConfig {
  const c = config.getOptionalConfig('delivery.findings');
  const slaDays = { ...DEFAULT_SLA };
  for (const s of FINDING_SEVERITIES) {
    slaDays[s] = c?.getOptionalNumber(`sla.${s}`) ?? DEFAULT_SLA[s];
  }
  return {
    maxUploadBytes: c?.getOptionalNumber('maxUploadBytes') ?? 20 * 1024 * 1024,
    slaDays,
    gate: {
      failOnOpen: severity(
        c?.getOptionalString('gate.failOnOpen') ?? 'critical',
        'delivery.findings.gate.failOnOpen',
      ),
      failOnOverdue: severity(
        c?.getOptionalString('gate.failOnOverdue') ?? 'high',
        'delivery.findings.gate.failOnOverdue',
      ),
      failOnSecrets: c?.getOptionalBoolean('gate.failOnSecrets') ?? true,
    },
  };
}

const stricter = (a?: FindingSeverity, b?: FindingSeverity) => {
  if (!a) return b;
  if (!b) return a;
  return FINDING_SEVERITIES.indexOf(a) > FINDING_SEVERITIES.indexOf(b) ? a : b;
};

/**
 * The gate for one entity: the configured policy, tightened by the entity's annotations. An
 * annotation can only make a threshold stricter (a lower severity); a looser one is ignored.
 */
export function entityGatePolicy(
  base: GatePolicy,
  annotations: Record<string, string> | undefined,
): GatePolicy {
  const read = (key: string) => {
    try {
      return severity(annotations?.[key], key);
    } catch {
      return undefined;
    }
  };
  return {
    failOnOpen: stricter(base.failOnOpen, read(ANNOTATION_GATE_FAIL_ON_OPEN)),
    failOnOverdue: stricter(
      base.failOnOverdue,
      read(ANNOTATION_GATE_FAIL_ON_OVERDUE),
    ),
    failOnSecrets: base.failOnSecrets,
  };
}
