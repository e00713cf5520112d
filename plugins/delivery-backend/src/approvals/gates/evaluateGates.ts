import {
  ApprovalGateStatus,
  PipelineRunWithTasks,
  SecurityGateVerdict,
} from '@slipway/plugin-delivery-common';
import { EnvironmentDeployment } from '../deploymentQueries';
import { ApprovalPolicy } from '../policy/policySchema';
import { metricGate } from './metricGate';
import { soakGate } from './soakGate';

/** Where the gates read their facts. */
export interface GateSources {
  securityGate(entityRef: string): Promise<SecurityGateVerdict>;
  run(uid: string): Promise<PipelineRunWithTasks | undefined>;
  deploymentOf(
    entityRef: string,
    environment: string,
    revision: string,
  ): Promise<EnvironmentDeployment | undefined>;
}

/** What is being promoted, and from where. */
export interface GateSubject {
  entityRef: string;
  revision: string;
  runUid?: string;
  previousEnvironment?: string;
}

/** Every gate the policy requires, evaluated now. */
export async function evaluateGates(
  sources: GateSources,
  policy: ApprovalPolicy,
  subject: GateSubject,
  now: Date,
): Promise<ApprovalGateStatus[]> {
  const gates: ApprovalGateStatus[] = [];
  if (policy.securityGate) {
    const verdict = await sources.securityGate(subject.entityRef);
    gates.push({
      kind: 'security',
      name: 'security gate',
      passed: verdict.passed,
      detail: verdict.passed
        ? 'The security gate passes'
        : verdict.reasons.join('; '),
    });
  }
  if (policy.metrics.length > 0) {
    const run = subject.runUid ? await sources.run(subject.runUid) : undefined;
    gates.push(...policy.metrics.map(m => metricGate(m, run)));
  }
  if (policy.waitAfterPreviousMs !== undefined) {
    const deployment = subject.previousEnvironment
      ? await sources.deploymentOf(
          subject.entityRef,
          subject.previousEnvironment,
          subject.revision,
        )
      : undefined;
    gates.push(
      soakGate({
        previousEnvironment: subject.previousEnvironment,
        waitMs: policy.waitAfterPreviousMs,
        deployment,
        now,
      }),
    );
  }
  return gates;
}
