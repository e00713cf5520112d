import { SchedulerService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  ExternalApprovalRecord,
  ExternalApprovalSink,
  ExternalApprovalSource,
} from '@slipway/plugin-delivery-node';

/**
 * A demo stand-in for a cluster's manual-approval-gate ApprovalTask: the ledger-service
 * production deploy waits for 2 approvals (bruno approved; the release-managers group has not
 * answered). No identity is mapped, so the demo shows it read-only with the CLI command.
 */
export function demoApprovalTask(now: Date): ExternalApprovalRecord {
  return {
    key: 'demo/ledger/ledger-service-deploy-approval',
    title:
      'Approve the ledger-service production deploy (manual-approval-gate)',
    kubernetesId: 'ledger-service',
    namespace: 'ledger',
    environment: 'production',
    revision: '7f3c2e1',
    state: 'pending',
    approvalsRequired: 2,
    approvers: [
      {
        name: 'bruno',
        type: 'user',
        input: 'approve',
        message: 'Migration rehearsed on staging',
        userRefs: [],
      },
      {
        name: 'release-managers',
        type: 'group',
        input: 'pending',
        members: [],
        userRefs: [],
      },
    ],
    createdAt: new Date(now.getTime() - 40 * 60_000).toISOString(),
    commands: {
      approve:
        'tkn-approvaltask approve ledger-service-deploy-approval -n ledger',
      reject:
        'tkn-approvaltask reject ledger-service-deploy-approval -n ledger',
    },
  };
}

/** Reports {@link demoApprovalTask} until the catalog has claimed it, then now and then. */
export class DemoApprovalSource implements ExternalApprovalSource {
  constructor(private readonly scheduler: SchedulerService) {}

  getSourceName(): string {
    return 'demo-approvaltask';
  }

  async connect(sink: ExternalApprovalSink): Promise<void> {
    const record = demoApprovalTask(new Date());
    await this.scheduler.scheduleTask({
      id: 'delivery-demo-approvaltask',
      scope: 'local',
      frequency: { seconds: 15 },
      timeout: { seconds: 30 },
      initialDelay: { seconds: 2 },
      fn: () => sink.upsertExternalApprovals([record]),
    });
  }

  canWriteFor(): boolean {
    return false;
  }

  async decide(): Promise<ExternalApprovalRecord> {
    throw new NotAllowedError(
      'The demo ApprovalTask is read-only: no Kubernetes identity is mapped',
    );
  }
}
