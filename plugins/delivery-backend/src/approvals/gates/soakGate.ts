import { ApprovalGateStatus } from '@slipway/plugin-delivery-common';
import { Duration } from 'luxon';
import { EnvironmentDeployment } from '../deploymentQueries';

/** `1 h`, `1 h 30 min`, `45 min`: hours and whole minutes, zero parts left out. */
function human(ms: number): string {
  const { hours, minutes } = Duration.fromMillis(ms)
    .shiftTo('hours', 'minutes')
    .toObject();
  const parts = [
    hours ? `${hours} h` : '',
    Math.floor(minutes ?? 0) ? `${Math.floor(minutes ?? 0)} min` : '',
  ].filter(Boolean);
  return parts.join(' ') || '0 min';
}

/**
 * The wait timer: the revision must have run in the previous environment for at least the
 * policy's wait before it may be approved for the next one.
 */
export function soakGate(options: {
  previousEnvironment?: string;
  waitMs: number;
  deployment?: EnvironmentDeployment;
  now: Date;
}): ApprovalGateStatus {
  const name = `soak ${human(options.waitMs)} in ${
    options.previousEnvironment ?? 'the previous environment'
  }`;
  const gate = (passed: boolean, detail: string): ApprovalGateStatus => ({
    kind: 'soak',
    name,
    passed,
    detail,
  });
  if (!options.previousEnvironment) {
    return gate(
      true,
      'This is the first environment; there is nothing to soak in',
    );
  }
  if (!options.deployment) {
    return gate(
      false,
      `This revision has not been deployed to ${options.previousEnvironment}`,
    );
  }
  const soaked =
    options.now.getTime() - options.deployment.finishedAt.getTime();
  return soaked >= options.waitMs
    ? gate(
        true,
        `Running in ${options.previousEnvironment} for ${human(soaked)}`,
      )
    : gate(
        false,
        `Running in ${options.previousEnvironment} for ${human(
          Math.max(0, soaked),
        )}; ${human(options.waitMs - soaked)} to go`,
      );
}
