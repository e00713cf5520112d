import { makeStyles, Tooltip } from '@material-ui/core';
import { RunStatus } from '@slipway/plugin-delivery-common';

const ORDER: RunStatus[] = [
  'succeeded',
  'failed',
  'timedOut',
  'cancelled',
  'running',
  'pending',
  'unknown',
];

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    width: 120,
    height: 8,
    borderRadius: 4,
    overflow: 'hidden',
    background: theme.palette.action.hover,
  },
  succeeded: { background: theme.palette.success.main },
  failed: { background: theme.palette.error.main },
  timedOut: { background: theme.palette.warning.main },
  cancelled: { background: theme.palette.grey[500] },
  running: { background: theme.palette.info.main },
  pending: { background: theme.palette.grey[300] },
  unknown: { background: theme.palette.grey[400] },
}));

/**
 * A thin bar with one segment per task status (succeeded, failed, running, ...), sized by count.
 */
export function TaskProgress(props: {
  summary?: Partial<Record<RunStatus, number>>;
}) {
  const classes = useStyles();
  const summary = props.summary ?? {};
  const total = ORDER.reduce((n, s) => n + (summary[s] ?? 0), 0);
  if (total === 0) {
    return <span>—</span>;
  }
  const label = ORDER.filter(s => summary[s])
    .map(s => `${summary[s]} ${s}`)
    .join(', ');
  return (
    <Tooltip title={label}>
      <div className={classes.bar} role="img" aria-label={`Tasks: ${label}`}>
        {ORDER.filter(s => summary[s]).map(s => (
          <div
            key={s}
            className={classes[s]}
            style={{ width: `${(100 * summary[s]!) / total}%` }}
          />
        ))}
      </div>
    </Tooltip>
  );
}
