import { TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { NewApproval } from './ApprovalsStore';
import { approvalTestDatabase } from './__testUtils__/approvalTables';
import { DatabaseApprovalsStore } from './DatabaseApprovalsStore';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const T0 = new Date('2026-11-02T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const users = (n: number, prefix = 'u') =>
  Array.from({ length: n }, (_, i) => `user:default/${prefix}${i}`);

function request(overrides: Partial<NewApproval> = {}): NewApproval {
  return {
    id: 'req-1',
    entityRef: 'component:default/payments-api',
    environment: 'production',
    environmentRef: 'resource:default/production',
    tier: 'production',
    revision: 'abc123',
    requestedBy: 'user:default/ada',
    excluded: ['user:default/ada'],
    rules: [
      {
        name: 'Release managers',
        required: 2,
        eligible: users(3, 'rm'),
      },
      { name: 'Owners', required: 1, eligible: users(2, 'owner') },
    ],
    gates: [],
    createdAt: T0,
    expiresAt: at(60),
    ...overrides,
  };
}

describe.each(databases.eachSupportedId())('approvals store on %p', id => {
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

  const decide = (
    userRef: string,
    decision: 'approve' | 'reject',
    ruleIndexes: number[],
    minute = 1,
  ) =>
    store.decide({
      requestId: 'req-1',
      userRef,
      decision,
      comment: `${decision} by ${userRef}`,
      ruleIndexes,
      now: at(minute),
      approvalValidForMs: 3_600_000,
    });

  it('approves once every rule has its distinct approvals', async () => {
    await store.create(request());
    expect((await decide('user:default/rm0', 'approve', [0])).transition).toBe(
      undefined,
    );
    expect(
      (await decide('user:default/owner0', 'approve', [1])).transition,
    ).toBe(undefined);
    const last = await decide('user:default/rm1', 'approve', [0], 5);
    expect(last.transition).toBe('approved');
    expect(last.request.state).toBe('approved');
    expect(last.request.validUntil).toBe(at(65).toISOString());
    expect(last.request.rules.map(r => r.approvedBy)).toEqual([
      ['user:default/rm0', 'user:default/rm1'],
      ['user:default/owner0'],
    ]);
    await expect(decide('user:default/rm2', 'approve', [0])).rejects.toThrow(
      /is approved; only pending requests take decisions/,
    );
  });

  it('counts one person once however often they try', async () => {
    await store.create(request());
    await decide('user:default/rm0', 'approve', [0]);
    await expect(decide('user:default/rm0', 'approve', [0])).rejects.toThrow(
      ConflictError,
    );
    const current = await store.get('req-1', at(2));
    expect(current?.rules[0].approvedBy).toEqual(['user:default/rm0']);
    expect(current?.state).toBe('pending');
  });

  it('lets a person eligible under two rules count for both', async () => {
    await store.create(
      request({
        rules: [
          { name: 'A', required: 1, eligible: ['user:default/both'] },
          { name: 'B', required: 1, eligible: ['user:default/both'] },
        ],
      }),
    );
    const outcome = await decide('user:default/both', 'approve', [0, 1]);
    expect(outcome.transition).toBe('approved');
  });

  it('rejects on one reject, even after approvals', async () => {
    await store.create(request());
    await decide('user:default/rm0', 'approve', [0]);
    const outcome = await decide('user:default/owner1', 'reject', [1]);
    expect(outcome.transition).toBe('rejected');
    expect(outcome.request.decidedAt).toBe(at(1).toISOString());
  });

  it('expires a pending request at its expiry and refuses decisions then', async () => {
    await store.create(request());
    await expect(
      decide('user:default/rm0', 'approve', [0], 61),
    ).rejects.toThrow(/has expired/);
    const expired = await store.get('req-1', at(61));
    expect(expired?.state).toBe('expired');
    expect(expired?.decisions).toEqual([]);
    const history = await store.history('req-1');
    expect(history.map(h => h.toState)).toEqual(['pending', 'expired']);
  });

  it('expires due requests in a sweep, once', async () => {
    await store.create(request());
    await store.create(
      request({ id: 'req-2', environment: 'staging', expiresAt: at(600) }),
    );
    expect(await store.expireDue(at(120))).toBe(1);
    expect(await store.expireDue(at(121))).toBe(0);
    const page = await store.list({ states: ['pending'], limit: 10 }, at(122));
    expect(page.items.map(r => r.id)).toEqual(['req-2']);
  });

  it('supersedes the pending request for the same environment', async () => {
    await store.create(request());
    const { request: newer, superseded } = await store.create(
      request({ id: 'req-2', revision: 'def456', createdAt: at(5) }),
    );
    expect(superseded).toEqual(['req-1']);
    expect(newer.state).toBe('pending');
    const old = await store.get('req-1', at(6));
    expect(old?.state).toBe('superseded');
    expect(old?.supersededBy).toBe('req-2');
  });

  it('approves at once when the environment has no rules', async () => {
    const { request: created } = await store.create(request({ rules: [] }));
    expect(created.state).toBe('approved');
  });

  it('cancels pending requests only', async () => {
    await store.create(request());
    const cancelled = await store.cancel('req-1', 'user:default/ada', at(3));
    expect(cancelled.state).toBe('cancelled');
    await expect(
      store.cancel('req-1', 'user:default/ada', at(4)),
    ).rejects.toThrow(/is cancelled/);
    await expect(decide('user:default/rm0', 'approve', [0])).rejects.toThrow(
      /is cancelled/,
    );
  });

  it('lists the requests awaiting a user, newest first, in pages', async () => {
    for (let i = 0; i < 5; i++) {
      await store.create(
        request({
          id: `req-${i}`,
          environment: `env-${i}`,
          createdAt: at(i),
        }),
      );
    }
    await store.decide({
      requestId: 'req-3',
      userRef: 'user:default/rm0',
      decision: 'approve',
      comment: 'ok',
      ruleIndexes: [0],
      now: at(10),
    });
    const first = await store.list(
      { awaitingUser: 'user:default/rm0', limit: 2 },
      at(11),
    );
    expect(first.items.map(r => r.id)).toEqual(['req-4', 'req-2']);
    const second = await store.list(
      { awaitingUser: 'user:default/rm0', limit: 2, cursor: first.nextCursor },
      at(11),
    );
    expect(second.items.map(r => r.id)).toEqual(['req-1', 'req-0']);
    expect(second.nextCursor).toBeUndefined();
    const none = await store.list(
      { awaitingUser: 'user:default/nobody', limit: 2 },
      at(11),
    );
    expect(none.items).toEqual([]);
  });

  it('makes exactly one terminal transition under 1,000 concurrent decisions', async () => {
    const people = users(1000, 'p');
    await store.create(
      request({
        rules: [{ name: 'Anyone', required: 3, eligible: people }],
      }),
    );
    const results = await Promise.allSettled(
      people.map((userRef, i) =>
        store.decide({
          requestId: 'req-1',
          userRef,
          decision: i % 7 === 6 ? 'reject' : 'approve',
          comment: 'concurrent',
          ruleIndexes: [0],
          now: at(1),
        }),
      ),
    );
    const transitions = results.flatMap(r =>
      r.status === 'fulfilled' && r.value.transition
        ? [r.value.transition]
        : [],
    );
    const accepted = results.filter(r => r.status === 'fulfilled').length;
    const refused = results.filter(
      r => r.status === 'rejected' && r.reason instanceof ConflictError,
    ).length;
    expect(transitions).toHaveLength(1);
    expect(accepted + refused).toBe(1000);

    const history = await store.history('req-1');
    const closes = history.filter(h => h.type === 'transition');
    expect(closes).toHaveLength(1);
    expect(closes[0].toState).toBe(transitions[0]);
    const final = await store.get('req-1', at(2));
    expect(final?.state).toBe(transitions[0]);
    // every accepted decision was recorded before the close, none after
    expect(final?.decisions).toHaveLength(accepted);
    const count = (kind: string) =>
      final!.decisions.filter(d => d.decision === kind).length;
    const closedBy = final!.decisions[final!.decisions.length - 1].decision;
    // approved by the third approval with no reject before it, or rejected by the first reject
    const expectedState = closedBy === 'approve' ? 'approved' : 'rejected';
    expect(final?.state).toBe(expectedState);
    expect(count('reject')).toBe(expectedState === 'rejected' ? 1 : 0);
    expect(count('approve')).toBeLessThanOrEqual(3);
    expect(count('approve') === 3 || expectedState === 'rejected').toBe(true);
  });
});
