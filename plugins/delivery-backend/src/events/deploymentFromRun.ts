import { PipelineRun } from '@slipway/plugin-delivery-common';
import { DeploymentEvent } from './EventsStore';

const STATUS: Partial<
  Record<PipelineRun['status'], DeploymentEvent['status']>
> = {
  succeeded: 'success',
  failed: 'failed',
  timedOut: 'failed',
  cancelled: 'cancelled',
};

/**
 * A finished pipeline run that targets an environment is a deployment attempt (DORA.md):
 * id `run:<uid>`, finished at its completion, shipping its revision; the version is the built
 * image's digest when known, else the revision. Unfinished runs and runs without an environment
 * or entity are not deployments.
 */
export function deploymentFromRun(
  run: PipelineRun,
): DeploymentEvent | undefined {
  const status = STATUS[run.status];
  if (!run.environment || !run.entityRef || !run.completedAt || !status) {
    return undefined;
  }
  return {
    id: `run:${run.uid}`,
    entityRef: run.entityRef.toLocaleLowerCase('en-US'),
    environment: run.environment,
    status,
    startedAt: run.startedAt,
    finishedAt: run.completedAt,
    commitSha: run.git.revision,
    version: run.image?.digest ?? run.git.revision,
  };
}
