import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Divider from '@material-ui/core/Divider';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CloseIcon from '@material-ui/icons/Close';
import { PipelineRunWithTasks } from '@slipway/plugin-delivery-common';
import { useMemo, useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import { deliveryApiRef } from '../../api';
import { RunActions } from './RunActions';
import { RunDetails } from './RunDetails';
import { isActiveStatus, isFailureStatus } from './runFormat';
import { TaskLogs } from './TaskLogs';
import { TaskTimeline } from './TaskTimeline';
import { useRefreshableValue } from './useRefreshableValue';

const useStyles = makeStyles(theme => ({
  paper: {
    width: 900,
    maxWidth: '100vw',
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(2, 2, 2, 3),
  },
  title: {
    flexGrow: 1,
    minWidth: 0,
    wordBreak: 'break-all',
  },
  content: {
    padding: theme.spacing(2, 3, 3),
    overflowY: 'auto',
  },
  section: {
    marginTop: theme.spacing(3),
  },
}));

/**
 * Props of {@link RunDetailsDrawer}.
 *
 * @public
 */
export interface RunDetailsDrawerProps {
  /** uid of the run to show. */
  uid: string;
  onClose: () => void;
  /** Called with the new run after the user started a rerun, e.g. to open it. */
  onRunStarted?: (started: { name: string; uid?: string }) => void;
  /** Milliseconds between refreshes while the run is pending or running; 5 s by default. */
  refreshIntervalMs?: number;
  /** Milliseconds between log refetches of a running task; 3 s by default. */
  logFollowIntervalMs?: number;
}

function defaultTask(run: PipelineRunWithTasks) {
  return run.tasks.find(task => isFailureStatus(task.status)) ?? run.tasks[0];
}

function RunContent(props: {
  run: PipelineRunWithTasks;
  logFollowIntervalMs?: number;
}) {
  const { run } = props;
  const classes = useStyles();
  const [selectedName, setSelectedName] = useState<string>();
  const selected =
    run.tasks.find(task => task.name === selectedName) ?? defaultTask(run);

  return (
    <>
      <RunDetails run={run} showName={false} />
      <Box className={classes.section}>
        <Typography variant="h6" component="h3" gutterBottom>
          Tasks
        </Typography>
        <TaskTimeline
          tasks={run.tasks}
          selected={selected?.name}
          onSelect={task => setSelectedName(task.name)}
        />
      </Box>
      {selected && (
        <Box className={classes.section}>
          <TaskLogs
            key={selected.name}
            uid={run.uid}
            task={selected}
            followIntervalMs={props.logFollowIntervalMs}
          />
        </Box>
      )}
    </>
  );
}

/**
 * A drawer on the right with everything about one pipeline run: facts, rerun and cancel,
 * the task timeline and the logs of the selected task. Refreshes itself while the run is
 * pending or running.
 *
 * @public
 */
export function RunDetailsDrawer(props: RunDetailsDrawerProps) {
  const { uid, onClose, refreshIntervalMs = 5000 } = props;
  const classes = useStyles();
  const api = useApi(deliveryApiRef);
  const load = useMemo(() => () => api.getRun(uid), [api, uid]);
  const run = useRefreshableValue(load);
  const active = run.value !== undefined && isActiveStatus(run.value.status);
  useInterval(run.refresh, active ? refreshIntervalMs : null);

  let body;
  if (run.loading) {
    body = <Progress />;
  } else if (run.value) {
    body = (
      <>
        {run.error && (
          <Box mb={2}>
            <ResponseErrorPanel error={run.error} title="Refresh failed" />
          </Box>
        )}
        <RunContent
          key={run.value.uid}
          run={run.value}
          logFollowIntervalMs={props.logFollowIntervalMs}
        />
      </>
    );
  } else if (run.error) {
    body = <ResponseErrorPanel error={run.error} />;
  }

  return (
    <Drawer
      anchor="right"
      open
      onClose={onClose}
      classes={{ paper: classes.paper }}
    >
      <div className={classes.header}>
        <Typography variant="h5" component="h2" className={classes.title}>
          {run.value ? `Run ${run.value.name}` : 'Pipeline run'}
        </Typography>
        {run.value && (
          <RunActions
            run={run.value}
            onChanged={run.reload}
            onRerun={props.onRunStarted}
          />
        )}
        <IconButton aria-label="Close run details" onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </div>
      <Divider />
      <div className={classes.content}>{body}</div>
    </Drawer>
  );
}
