import Typography from '@material-ui/core/Typography';
import { EnvironmentPolicySummary } from '@slipway/plugin-delivery-common';

function hours(h: number): string {
  return h >= 24 && h % 24 === 0 ? `${h / 24} d` : `${h} h`;
}

function minutes(m: number): string {
  return m >= 60 && m % 60 === 0 ? hours(m / 60) : `${m} min`;
}

/** The approval policy of a lane in a few lines. */
export function PolicySummary(props: { policy?: EnvironmentPolicySummary }) {
  const { policy } = props;
  if (!policy) {
    return (
      <Typography variant="body2" color="textSecondary">
        No approval needed
      </Typography>
    );
  }
  const lines = [
    ...policy.rules.map(
      r =>
        `${r.approvals} of ${r.name} (${r.from
          .map(f => (f === 'owners' ? "the component's owners" : f))
          .join(', ')})`,
    ),
    policy.preventSelfApproval
      ? 'Requester, triggerer and commit authors cannot approve'
      : 'The requester cannot approve',
    `Requests expire after ${hours(policy.requestExpiresAfterHours)}`,
    policy.approvalValidForHours !== undefined &&
      `Approvals valid for ${hours(policy.approvalValidForHours)}`,
    policy.waitAfterPreviousMinutes !== undefined &&
      `Soak ${minutes(
        policy.waitAfterPreviousMinutes,
      )} in the previous environment`,
    policy.securityGate && 'Security gate must pass',
    ...policy.metrics.map(m => `Run result ${m}`),
  ].filter(Boolean);
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }} aria-label="approval policy">
      {lines.map(line => (
        <li key={String(line)}>
          <Typography variant="body2">{line}</Typography>
        </li>
      ))}
    </ul>
  );
}
