import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { RunStatus } from '@slipway/plugin-delivery-common';

const LABELS: Record<RunStatus, string> = {
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  timedOut: 'Timed out',
  unknown: 'Unknown',
};

/** A run or task status with its colour dot. */
export function RunStatusLabel(props: { status: RunStatus; reason?: string }) {
  const label = LABELS[props.status] ?? props.status;
  const title =
    props.reason && props.reason !== label ? props.reason : undefined;
  const text = <span title={title}>{label}</span>;
  switch (props.status) {
    case 'succeeded':
      return <StatusOK>{text}</StatusOK>;
    case 'failed':
      return <StatusError>{text}</StatusError>;
    case 'running':
      return <StatusRunning>{text}</StatusRunning>;
    case 'pending':
      return <StatusPending>{text}</StatusPending>;
    case 'timedOut':
      return <StatusWarning>{text}</StatusWarning>;
    default:
      return <StatusAborted>{text}</StatusAborted>;
  }
}
