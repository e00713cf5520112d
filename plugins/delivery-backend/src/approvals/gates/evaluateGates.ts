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
    trustedSources: string[],
  ): Promise<EnvironmentDeployment | undefined>;
}

/** What is being promoted, and from where. */
export interface GateSubject {
  entityRef: string;
  revision: string;
  runUid?: string;
  previousEnvironment?: string;
}

/**
 * Why a run cannot vouch for the promoted artifact: it belongs to another entity, or built
 * another revision. A metric gate reads only the entity's own run of the same revision.
 */
function runMismatch(
  run: PipelineRunWithTasks,
  subject: GateSubject,
): string | undefined {
  if (run.entityRef !== subject.entityRef) {
    return `Run ${run.name} is not a run of ${subject.entityRef}; its results cannot pass this gate`;
  }
  const built = run.git?.revision?.toLocaleLowerCase('en-US');
  const wanted = subject.revision.toLocaleLowerCase('en-US');
  if (built && !(built.startsWith(wanted) || wanted.startsWith(built))) {
    return `Run ${run.name} built revision ${built.slice(
      0,
      12,
    )}, not ${wanted.slice(0, 12)}; its results cannot pass this gate`;
  }
  return undefined;
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
      ...(verdict.scans ? { scans: verdict.scans } : {}),
    });
  }
  if (policy.metrics.length > 0) {
    const run = subject.runUid ? await sources.run(subject.runUid) : undefined;
    const problem = run && runMismatch(run, subject);
    gates.push(
      ...policy.metrics.map(m =>
        problem
          ? { ...metricGate(m, undefined), detail: problem }
          : metricGate(m, run),
      ),
    );
  }
  if (policy.waitAfterPreviousMs !== undefined) {
    const deployment = subject.previousEnvironment
      ? await sources.deploymentOf(
          subject.entityRef,
          subject.previousEnvironment,
          subject.revision,
          policy.trustedDeploymentSources,
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
