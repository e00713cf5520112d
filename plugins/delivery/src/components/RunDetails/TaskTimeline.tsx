import ButtonBase from '@material-ui/core/ButtonBase';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { TaskRun } from '@slipway/plugin-delivery-common';
import { formatDuration } from '../../utils/format';
import { RunStatusLabel } from '../RunStatusLabel';
import { elapsedSeconds, formatTimestamp, toMillis } from './runFormat';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'grid',
    gridTemplateColumns: '240px 1fr 72px',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    width: '100%',
    padding: theme.spacing(0.75, 1),
    textAlign: 'left',
    borderRadius: theme.shape.borderRadius,
    '&:hover': { backgroundColor: theme.palette.action.hover },
  },
  axis: {
    paddingTop: 0,
    paddingBottom: 0,
  },
  axisLabels: {
    display: 'flex',
    justifyContent: 'space-between',
  },
  selected: {
    backgroundColor: theme.palette.action.selected,
    '&:hover': { backgroundColor: theme.palette.action.selected },
  },
  focusVisible: {
    outline: `2px solid ${theme.palette.primary.main}`,
  },
  label: {
    display: 'block',
    minWidth: 0,
  },
  name: {
    display: 'block',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1),
  },
  chip: {
    height: 18,
    fontSize: theme.typography.caption.fontSize,
  },
  track: {
    position: 'relative',
    display: 'block',
    height: 14,
    borderRadius: 3,
    backgroundColor: theme.palette.action.hover,
  },
  bar: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    display: 'block',
    minWidth: 3,
    borderRadius: 3,
  },
  notStarted: {
    display: 'block',
    lineHeight: '14px',
    paddingLeft: theme.spacing(1),
  },
  duration: {
    display: 'block',
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
  },
  succeeded: { backgroundColor: theme.palette.success.main },
  failed: { backgroundColor: theme.palette.error.main },
  running: { backgroundColor: theme.palette.info.main },
  pending: { backgroundColor: theme.palette.grey[400] },
  cancelled: { backgroundColor: theme.palette.grey[500] },
  timedOut: { backgroundColor: theme.palette.warning.main },
  unknown: { backgroundColor: theme.palette.grey[500] },
}));

/** Props of {@link TaskTimeline}. */
export interface TaskTimelineProps {
  tasks: TaskRun[];
  /** `name` of the selected task. */
  selected?: string;
  onSelect: (task: TaskRun) => void;
  /** Current time in epoch milliseconds, the end of still-running bars; defaults to now. */
  now?: number;
}

function retriesText(retries: number): string | undefined {
  if (retries <= 0) {
    return undefined;
  }
  return retries === 1 ? '1 retry' : `${retries} retries`;
}

/**
 * The tasks of a run as horizontal bars on a shared time axis, coloured by status. Tasks
 * that have not started are listed at the end. Each row is a button selecting its task.
 */
export function TaskTimeline(props: TaskTimelineProps) {
  const classes = useStyles();
  const now = props.now ?? Date.now();

  const timed = props.tasks
    .flatMap(task => {
      const start = toMillis(task.startedAt);
      return start === undefined
        ? []
        : [{ task, start, end: toMillis(task.completedAt) ?? now }];
    })
    .sort((a, b) => a.start - b.start);
  const notStarted = props.tasks.filter(
    task => toMillis(task.startedAt) === undefined,
  );
  const axisStart = Math.min(...timed.map(t => t.start));
  const axisEnd = Math.max(...timed.map(t => t.end));
  const span = timed.length > 0 ? Math.max(axisEnd - axisStart, 1000) : 0;

  const renderRow = (task: TaskRun, times?: { start: number; end: number }) => {
    const isSelected = task.name === props.selected;
    const seconds = elapsedSeconds(task.startedAt, task.completedAt, now);
    let bar;
    if (times === undefined) {
      bar = (
        <Typography
          variant="caption"
          color="textSecondary"
          component="span"
          className={classes.notStarted}
        >
          not started
        </Typography>
      );
    } else {
      const left = ((times.start - axisStart) / span) * 100;
      const width = Math.min(
        ((times.end - times.start) / span) * 100,
        100 - left,
      );
      bar = (
        <span
          className={`${classes.bar} ${
            classes[task.status] ?? classes.unknown
          }`}
          style={{ left: `${left}%`, width: `${width}%` }}
          title={`${formatTimestamp(task.startedAt)} – ${
            formatTimestamp(task.completedAt) ?? 'now'
          }`}
          data-testid={`task-bar-${task.name}`}
        />
      );
    }
    const retries = retriesText(task.retries);
    return (
      <ButtonBase
        key={task.name}
        className={`${classes.row} ${isSelected ? classes.selected : ''}`}
        focusVisibleClassName={classes.focusVisible}
        aria-pressed={isSelected}
        onClick={() => props.onSelect(task)}
      >
        <span className={classes.label}>
          <Typography
            variant="body2"
            component="span"
            className={classes.name}
            title={task.name}
          >
            {task.pipelineTaskName || task.name}
          </Typography>
          <Typography
            variant="caption"
            component="span"
            color="textSecondary"
            className={classes.meta}
          >
            <RunStatusLabel status={task.status} reason={task.reason} />
            {task.isFinally && (
              <Chip
                size="small"
                variant="outlined"
                label="finally"
                className={classes.chip}
              />
            )}
            {retries && <span>{retries}</span>}
            {task.kind && task.kind !== 'TaskRun' && <span>{task.kind}</span>}
          </Typography>
        </span>
        <span className={classes.track}>{bar}</span>
        <Typography
          variant="caption"
          component="span"
          className={classes.duration}
        >
          {formatDuration(seconds)}
        </Typography>
      </ButtonBase>
    );
  };

  if (props.tasks.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No tasks reported yet.
      </Typography>
    );
  }

  return (
    <div>
      <div className={`${classes.row} ${classes.axis}`} aria-hidden="true">
        <Typography variant="caption" color="textSecondary">
          Task
        </Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          component="div"
          className={classes.axisLabels}
        >
          <span>0s</span>
          {span > 0 && <span>{formatDuration(span / 1000)}</span>}
        </Typography>
        <Typography
          variant="caption"
          color="textSecondary"
          className={classes.duration}
        >
          Duration
        </Typography>
      </div>
      {timed.map(t => renderRow(t.task, t))}
      {notStarted.map(task => renderRow(task))}
    </div>
  );
}
