import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { approvalTestDatabase } from '../approvals/__testUtils__/approvalTables';
import { ApprovalSourceRegistry } from '../approvals/ApprovalSourceRegistry';
import { DatabaseApprovalsStore } from '../approvals/DatabaseApprovalsStore';
import { ExternalApprovals } from '../approvals/ExternalApprovals';
import { ExternalApprovalSync } from '../approvals/ExternalApprovalSync';
import { DemoApprovalSource } from './DemoApprovalSource';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('DemoApprovalSource', () => {
  it('mirrors a read-only ApprovalTask for ledger-service once the catalog claims it', async () => {
    const { knex } = await approvalTestDatabase(databases, 'SQLITE_3');
    const store = new DatabaseApprovalsStore(knex);
    let claimed = false;
    const sync = new ExternalApprovalSync({
      store,
      entityOf: o =>
        claimed && o.kubernetesId === 'ledger-service'
          ? 'component:default/ledger-service'
          : undefined,
      environmentsOf: async () => [
        {
          name: 'production',
          entityRef: 'resource:default/production',
          tier: 'production',
        },
      ],
      logger: mockServices.logger.mock(),
    });
    const scheduler = mockServices.scheduler.mock();
    const source = new DemoApprovalSource(scheduler);
    await source.connect(sync.sinkFor(source.getSourceName()));
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: 'delivery-demo-approvaltask',
      scope: 'local',
    });

    await task.fn(new AbortController().signal);
    expect((await store.list({ limit: 10 }, new Date())).items).toEqual([]);
    claimed = true;
    await task.fn(new AbortController().signal);
    await task.fn(new AbortController().signal);
    const { items } = await store.list({ limit: 10 }, new Date());
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      entityRef: 'component:default/ledger-service',
      environmentRef: 'resource:default/production',
      state: 'pending',
      decisions: [{ userRef: 'demo-approvaltask:bruno', decision: 'approve' }],
    });

    const registry = new ApprovalSourceRegistry();
    registry.addApprovalSource(source);
    const viewer = new ExternalApprovals(registry, sync).viewer(
      items[0],
      'user:default/guest',
    );
    expect(viewer).toMatchObject({
      canDecide: false,
      command:
        'tkn-approvaltask approve ledger-service-deploy-approval -n ledger',
    });
  });
});
