import { Link } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ApprovalDeployRun } from '@slipway/plugin-delivery-common';
import { providerLabel } from '../RunProvider';
import { personName, relative } from './approvalFormat';

/** A run's name: a button opening its details when it can, else a link to it, else text. */
export function RunName(props: {
  run: { name: string; uid?: string; url?: string; provider?: string };
  onOpenRun?: (uid: string) => void;
}) {
  const { run, onOpenRun } = props;
  if (run.uid && onOpenRun) {
    const uid = run.uid;
    return (
      <Button
        size="small"
        color="primary"
        onClick={() => onOpenRun(uid)}
        aria-label={`Open run ${run.name}`}
        style={{ textTransform: 'none', padding: 0, minWidth: 0 }}
      >
        {run.name}
      </Button>
    );
  }
  if (run.url) {
    return (
      <Link
        to={run.url}
        aria-label={`Open run ${run.name}${
          run.provider ? ` in ${providerLabel(run.provider)}` : ''
        }`}
      >
        {run.name}
      </Link>
    );
  }
  return <strong>{run.name}</strong>;
}

/**
 * The deploy run Slipway started when a promotion was approved: "Deploy run X started by Y",
 * or why it could not start one.
 */
export function DeployRunInfo(props: {
  deployRun: ApprovalDeployRun;
  onOpenRun?: (uid: string) => void;
}) {
  const { deployRun, onOpenRun } = props;
  if (deployRun.error || !deployRun.name) {
    return (
      <Typography variant="body2" color="error" role="alert">
        The deploy run could not be started
        {deployRun.error ? `: ${deployRun.error}` : ''}
      </Typography>
    );
  }
  return (
    <Typography variant="body2">
      Deploy run{' '}
      <RunName
        run={{ ...deployRun, name: deployRun.name }}
        onOpenRun={onOpenRun}
      />{' '}
      started by {personName(deployRun.startedBy)}{' '}
      {relative(deployRun.startedAt)}
    </Typography>
  );
}
