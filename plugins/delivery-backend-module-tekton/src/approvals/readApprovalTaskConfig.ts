import { Config } from '@backstage/config';

/** A Backstage user and the Kubernetes identity Slipway acts as when that user decides. */
export interface ApprovalIdentity {
  userRef: string;
  kubernetesUser: string;
  kubernetesGroups: string[];
}

/** Settings of the manual-approval-gate integration (`delivery.tekton.approvalTasks`). */
export interface ApprovalTaskConfig {
  enabled: boolean;
  /** Label of an ApprovalTask (propagated from its PipelineRun) naming the environment. */
  environmentLabel: string;
  /** The CLI shown to approvers Slipway cannot act for. */
  cli: string;
  identities: ApprovalIdentity[];
}

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/** Reads `delivery.tekton.approvalTasks`; the integration is on unless `enabled: false`. */
export function readApprovalTaskConfig(config: Config): ApprovalTaskConfig {
  const c = config.getOptionalConfig('delivery.tekton.approvalTasks');
  const identities = (c?.getOptionalConfigArray('identities') ?? []).map(i => ({
    userRef: lower(i.getString('userRef')),
    kubernetesUser: i.getString('kubernetesUser'),
    kubernetesGroups: i.getOptionalStringArray('kubernetesGroups') ?? [],
  }));
  const seen = new Set<string>();
  for (const identity of identities) {
    if (!identity.userRef.startsWith('user:')) {
      throw new Error(
        `delivery.tekton.approvalTasks.identities: userRef '${identity.userRef}' must be a user entity ref, e.g. user:default/alice`,
      );
    }
    if (seen.has(identity.userRef)) {
      throw new Error(
        `delivery.tekton.approvalTasks.identities: ${identity.userRef} is mapped twice`,
      );
    }
    seen.add(identity.userRef);
  }
  return {
    enabled: c?.getOptionalBoolean('enabled') ?? true,
    environmentLabel:
      c?.getOptionalString('environmentLabel') ?? 'slipway.dev/environment',
    cli: c?.getOptionalString('cli') ?? 'tkn-approvaltask',
    identities,
  };
}
