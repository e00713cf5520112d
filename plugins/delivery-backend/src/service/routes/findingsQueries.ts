import { InputError } from '@backstage/errors';
import {
  FINDING_SEVERITIES,
  FindingCategory,
  FindingSeverity,
  FindingStatus,
  SuppressionReason,
} from '@slipway/plugin-delivery-common';
import { z } from 'zod';
import { parseQuery } from '../parseQuery';

const list = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .transform(v =>
      v
        .split(',')
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values as [T, ...T[]])));

const uploadQuery = z
  .object({
    tool: z.string().min(1).max(128).optional(),
    runUid: z.string().min(1).max(255).optional(),
    target: z.string().min(1).max(512).optional(),
  })
  .strict();

const findingsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().min(1).optional(),
    status: list<FindingStatus>(['open', 'reopened', 'fixed']).optional(),
    severity: list<FindingSeverity>(FINDING_SEVERITIES).optional(),
    tool: z.string().min(1).max(128).optional(),
    category: z
      .enum([
        'dependency',
        'container',
        'code',
        'secret',
        'license',
        'misconfiguration',
      ])
      .optional(),
  })
  .strict();

const suppression = z
  .object({
    reason: z.enum([
      'risk_accepted',
      'false_positive',
      'wont_fix',
      'used_in_tests',
    ]),
    comment: z.string().trim().min(3, 'must explain the suppression').max(2000),
    expiresAt: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO 8601 date-time' }),
  })
  .strict();

export function parseUploadQuery(query: unknown) {
  return parseQuery(uploadQuery, query);
}

export function parseFindingsQuery(query: unknown): {
  limit: number;
  cursor?: string;
  status?: FindingStatus[];
  severity?: FindingSeverity[];
  tool?: string;
  category?: FindingCategory;
} {
  return parseQuery(findingsQuery, query);
}

const YEAR_MS = 366 * 86_400_000;

/** A suppression needs a reason, a comment and an expiry in the next year. */
export function parseSuppression(
  body: unknown,
  now: Date,
): { reason: SuppressionReason; comment: string; expiresAt: Date } {
  const result = suppression.safeParse(body ?? {});
  if (!result.success) {
    throw new InputError(
      `Invalid suppression: ${result.error.issues
        .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; ')}`,
    );
  }
  const expiresAt = new Date(result.data.expiresAt);
  if (expiresAt.getTime() <= now.getTime()) {
    throw new InputError(
      'Invalid suppression: expiresAt must be in the future',
    );
  }
  if (expiresAt.getTime() - now.getTime() > YEAR_MS) {
    throw new InputError(
      'Invalid suppression: expiresAt must be within a year; suppress again when it expires',
    );
  }
  return { ...result.data, expiresAt };
}
