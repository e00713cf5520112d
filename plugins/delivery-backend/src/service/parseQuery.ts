import { InputError } from '@backstage/errors';
import { RUN_STATUSES, RunStatus } from '@slipway/plugin-delivery-common';
import { z } from 'zod';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 200;

const statusList = z
  .string()
  .transform(value =>
    value
      .split(',')
      .map(s => s.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.enum(RUN_STATUSES as [RunStatus, ...RunStatus[]], {
        errorMap: () => ({
          message: `must be one of ${RUN_STATUSES.join(', ')}`,
        }),
      }),
    ),
  );

const runsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT),
    cursor: z.string().min(1).optional(),
    status: statusList.optional(),
    pipeline: z.string().min(1).max(255).optional(),
    branch: z.string().min(1).max(255).optional(),
    provider: z.string().min(1).max(64).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    since: z
      .string()
      .datetime({ offset: true, message: 'must be an ISO 8601 date-time' })
      .transform(value => new Date(value))
      .optional(),
  })
  .strict();

export type RunsQuery = z.infer<typeof runsQuerySchema>;

const statsQuerySchema = z
  .object({
    days: z.coerce.number().int().min(1).max(365).default(30),
    series: z.enum(['week']).optional(),
  })
  .strict();

/**
 * Validates the query string of the runs list route; throws InputError naming each bad field.
 */
export function parseRunsQuery(query: unknown): RunsQuery {
  return parseQuery(runsQuerySchema, query);
}

/** Validates the query string of the pipeline statistics route. */
export function parseStatsQuery(query: unknown): {
  days: number;
  series?: 'week';
} {
  return parseQuery(statsQuerySchema, query);
}

/**
 * Validates a query string (or, with `label: 'body'`, a request body) against a schema;
 * throws InputError naming each bad field.
 */
export function parseQuery<T extends z.ZodTypeAny>(
  schema: T,
  query: unknown,
  label: 'query' | 'body' = 'query',
): z.infer<T> {
  const result = schema.safeParse(query);
  if (!result.success) {
    const problems = result.error.issues
      .map(issue =>
        issue.code === 'unrecognized_keys'
          ? `unknown parameter(s) ${issue.keys.join(', ')}`
          : `${issue.path.join('.') || label}: ${issue.message}`,
      )
      .join('; ');
    throw new InputError(`Invalid ${label}: ${problems}`);
  }
  return result.data;
}
