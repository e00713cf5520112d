import {
  APPROVAL_STATES,
  ApprovalState,
  CreateApprovalRequest,
} from '@slipway/plugin-delivery-common';
import { z } from 'zod';
import { parseQuery } from '../parseQuery';

const entityRef = z
  .string()
  .regex(
    /^[a-z0-9-]+:[a-z0-9._-]+\/[a-z0-9._-]+$/i,
    'must be kind:namespace/name',
  )
  .transform(s => s.toLocaleLowerCase('en-US'));

const createSchema = z
  .object({
    entityRef,
    environment: z.string().min(1).max(64),
    revision: z.string().min(1).max(255),
    version: z.string().min(1).max(255).optional(),
    imageDigest: z.string().min(1).max(255).optional(),
    runUid: z.string().min(1).max(255).optional(),
    triggeredBy: z.string().min(1).max(255).optional(),
    commitAuthors: z.array(z.string().min(1).max(320)).max(500).optional(),
    comment: z.string().max(2000).optional(),
  })
  .strict();

const decisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: z.string().trim().min(1, 'a decision needs a comment').max(2000),
  })
  .strict();

const cancelSchema = z
  .object({ comment: z.string().max(2000).optional() })
  .strict();

const stateList = z
  .string()
  .transform(v =>
    v
      .split(',')
      .map(s => s.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.enum(APPROVAL_STATES as [ApprovalState, ...ApprovalState[]], {
        errorMap: () => ({
          message: `must be one of ${APPROVAL_STATES.join(', ')}`,
        }),
      }),
    ),
  );

const listSchema = z
  .object({
    state: stateList.optional(),
    mine: z
      .enum(['true', 'false'])
      .transform(v => v === 'true')
      .optional(),
    entityRef: entityRef.optional(),
    environment: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).optional(),
  })
  .strict();

export const parseCreateApproval = (body: unknown): CreateApprovalRequest =>
  parseQuery(createSchema, body ?? {}, 'body');
export const parseDecision = (body: unknown) =>
  parseQuery(decisionSchema, body ?? {}, 'body');
export const parseCancel = (body: unknown) =>
  parseQuery(cancelSchema, body ?? {}, 'body');
export const parseApprovalList = (query: unknown) =>
  parseQuery(listSchema, query);
