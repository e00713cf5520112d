import { TestDatabases } from '@backstage/backend-test-utils';
import { ExternalApprover } from '@slipway/plugin-delivery-common';
import { ExternalApprovalRecord } from '@slipway/plugin-delivery-node';
import { Knex } from 'knex';
import { approvalTestDatabase } from './__testUtils__/approvalTables';
import { DatabaseApprovalsStore } from './DatabaseApprovalsStore';
import { ExternalApprovalUpsert } from './upsertExternal';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const T0 = new Date('2026-11-02T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const ALICE = 'user:default/alice';
const CHARLIE = 'user:default/charlie';

/** alice (mapped), bob (unmapped), group dev-team whose member charlie is mapped. */
function approvers(
  inputs: { alice?: string; bob?: string; charlie?: string } = {},
): ExternalApprover[] {
  const charlie = (inputs.charlie ?? 'pending') as ExternalApprover['input'];
  return [
    {
      name: 'alice',
      type: 'user',
      input: (inputs.alice ?? 'pending') as ExternalApprover['input'],
      message: inputs.alice ? 'looks good' : undefined,
      userRefs: [ALICE],
    },
    {
      name: 'bob',
      type: 'user',
      input: (inputs.bob ?? 'pending') as ExternalApprover['input'],
      userRefs: [],
    },
    {
      name: 'dev-team',
      type: 'group',
      input: charlie,
      members:
        charlie === 'pending'
          ? []
          : [{ name: 'charlie', input: charlie, userRef: CHARLIE }],
      userRefs: [CHARLIE],
    },
  ];
}

function upsert(
  record: Partial<ExternalApprovalRecord>,
  minute = 0,
): ExternalApprovalUpsert {
  return {
    source: 'tekton-approvaltask',
    entityRef: 'component:default/payments-api',
    environment: 'production',
    environmentRef: 'resource:default/production',
    tier: 'production',
    now: at(minute),
    record: {
      key: 'prod/ci/deploy-approval',
      title: 'Approve the production deployment',
      state: 'pending',
      approvalsRequired: 2,
      approvers: approvers(),
      createdAt: T0.toISOString(),
      commands: {
        approve: 'tkn-approvaltask approve deploy-approval -n ci',
        reject: 'tkn-approvaltask reject deploy-approval -n ci',
      },
      ...record,
    },
  };
}

describe.each(databases.eachSupportedId())(
  'external approvals in the store on %p',
  id => {
    let knex: Knex;
    let store: DatabaseApprovalsStore;

    let clear: () => Promise<void>;

    beforeAll(async () => {
      ({ knex, clear } = await approvalTestDatabase(databases, id));
    });
    beforeEach(async () => {
      await clear();
      store = new DatabaseApprovalsStore(knex);
    });

    it('mirrors a pending object once, with mapped users eligible and the decide commands', async () => {
      const first = await store.upsertExternal(upsert({}));
      const again = await store.upsertExternal(upsert({}, 1));
      expect(again.id).toBe(first.id);
      const [{ n }] = await knex('delivery_approvals').count({ n: '*' });
      expect(Number(n)).toBe(1);
      expect(again).toMatchObject({
        state: 'pending',
        requestedBy: 'source:tekton-approvaltask',
        comment: 'Approve the production deployment',
        rules: [
          {
            required: 2,
            eligible: [ALICE, CHARLIE],
            approvedBy: [],
            satisfied: false,
          },
        ],
        external: {
          source: 'tekton-approvaltask',
          key: 'prod/ci/deploy-approval',
          commands: {
            approve: 'tkn-approvaltask approve deploy-approval -n ci',
          },
        },
      });
      expect(again.external?.approvers.map(a => a.name)).toEqual([
        'alice',
        'bob',
        'dev-team',
      ]);
    });

    it('records each answer once, under the mapped user or the Kubernetes name', async () => {
      await store.upsertExternal(upsert({}));
      await store.upsertExternal(
        upsert({ approvers: approvers({ alice: 'approve' }) }, 1),
      );
      const both = await store.upsertExternal(
        upsert(
          { approvers: approvers({ alice: 'approve', bob: 'approve' }) },
          2,
        ),
      );
      expect(both.decisions.map(d => [d.userRef, d.decision])).toEqual([
        [ALICE, 'approve'],
        ['kubernetes:bob', 'approve'],
      ]);
      expect(both.decisions[0].comment).toBe('looks good');
      expect(both.rules[0].approvedBy).toEqual([ALICE, 'kubernetes:bob']);
      const history = await store.history(both.id);
      expect(history.map(h => `${h.type}:${h.actor}`)).toEqual([
        'requested:source:tekton-approvaltask',
        `decision:${ALICE}`,
        'decision:kubernetes:bob',
      ]);
    });

    it('closes when the source decides and never reopens', async () => {
      await store.upsertExternal(upsert({}));
      const rejected = await store.upsertExternal(
        upsert(
          { state: 'rejected', approvers: approvers({ charlie: 'reject' }) },
          3,
        ),
      );
      expect(rejected.state).toBe('rejected');
      expect(rejected.decidedAt).toBe(at(3).toISOString());
      expect(rejected.decisions).toEqual([
        expect.objectContaining({ userRef: CHARLIE, decision: 'reject' }),
      ]);
      const replayed = await store.upsertExternal(upsert({}, 4));
      expect(replayed.state).toBe('rejected');
      const transitions = (await store.history(rejected.id)).filter(
        h => h.type === 'transition',
      );
      expect(transitions).toEqual([
        expect.objectContaining({
          fromState: 'pending',
          toState: 'rejected',
          actor: 'source:tekton-approvaltask',
        }),
      ]);
    });

    it('is not superseded by a Slipway request for the same environment', async () => {
      const mirrored = await store.upsertExternal(upsert({}));
      const { superseded } = await store.create({
        id: 'slipway-1',
        entityRef: 'component:default/payments-api',
        environment: 'production',
        environmentRef: 'resource:default/production',
        tier: 'production',
        revision: 'abc',
        requestedBy: 'user:default/ada',
        excluded: [],
        rules: [{ name: 'Owners', required: 1, eligible: [ALICE] }],
        gates: [],
        createdAt: at(5),
        expiresAt: at(65),
      });
      expect(superseded).toEqual([]);
      expect((await store.get(mirrored.id, at(6)))?.state).toBe('pending');
      expect((await store.get('slipway-1', at(6)))?.external).toBeUndefined();
    });
  },
);
