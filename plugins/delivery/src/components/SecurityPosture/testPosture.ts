import {
  FindingSeverity,
  SecurityPostureRow,
} from '@slipway/plugin-delivery-common';

/** A team's posture row with the given open counts; nothing overdue, no secrets. */
export function testRow(
  owner: string,
  open: Partial<Record<FindingSeverity, number>> = {},
  overrides: Partial<SecurityPostureRow> = {},
): SecurityPostureRow {
  return {
    owner,
    entities: ['component:default/payments-api'],
    open: { critical: 0, high: 0, medium: 0, low: 0, info: 0, ...open },
    overdue: 0,
    openSecrets: 0,
    ...overrides,
  };
}
