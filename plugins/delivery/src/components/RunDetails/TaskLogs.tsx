import {
  LogViewer,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import GetAppIcon from '@material-ui/icons/GetApp';
import { TaskRun, TaskStep } from '@slipway/plugin-delivery-common';
import { useEffect, useMemo, useRef, useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import { deliveryApiRef, TaskLogsResponse } from '../../api';
import { RunStatusLabel } from '../RunStatusLabel';
import { downloadText } from './downloadText';
import { isActiveStatus } from './runFormat';
import { useRefreshableValue } from './useRefreshableValue';

const LINE_HEIGHT = 20;
const VIEWER_CHROME = 56;

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  title: {
    flexGrow: 1,
    wordBreak: 'break-all',
  },
  step: {
    marginBottom: theme.spacing(2),
  },
  stepHeader: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(0.5, 1.5),
    marginBottom: theme.spacing(0.5),
  },
}));

/** Props of {@link TaskLogs}. */
export interface TaskLogsProps {
  /** uid of the run the task belongs to. */
  uid: string;
  task: TaskRun;
  /** Milliseconds between refetches while the task runs and follow is on; 3 s by default. */
  followIntervalMs?: number;
}

type LogStep = TaskLogsResponse['steps'][number];

function findStep(task: TaskRun, step: LogStep): TaskStep | undefined {
  return task.steps?.find(
    candidate =>
      candidate.name === step.name ||
      (step.container !== undefined && candidate.container === step.container),
  );
}

function isNotFound(error: Error): boolean {
  const status = (error as Error & { statusCode?: unknown }).statusCode;
  return status === 404 || error.name === 'NotFoundError';
}

/** Why the provider has no logs, as the backend said it (e.g. the pod is gone, logs expired). */
function notFoundReason(error: Error): string {
  const body = (error as Error & { body?: { error?: { message?: string } } })
    .body;
  return body?.error?.message ?? 'its pod is gone (deleted or pruned).';
}

/** All steps' logs as one text, each under a `==> step <name> <==` banner. */
function combinedLog(task: TaskRun, logs: TaskLogsResponse): string {
  return logs.steps
    .map(step => {
      const exitCode = findStep(task, step)?.exitCode;
      const suffix = exitCode === undefined ? '' : ` (exit code ${exitCode})`;
      const log = step.log.endsWith('\n') ? step.log : `${step.log}\n`;
      return `==> step ${step.name}${suffix} <==\n${log}`;
    })
    .join('\n');
}

function StepLog(props: { task: TaskRun; step: LogStep }) {
  const classes = useStyles();
  const info = findStep(props.task, props.step);
  const lines = props.step.log.split('\n').length;
  const height = Math.min(
    Math.max(lines * LINE_HEIGHT + VIEWER_CHROME, 140),
    420,
  );
  return (
    <section className={classes.step} aria-label={`Step ${props.step.name}`}>
      <div className={classes.stepHeader}>
        <Typography variant="subtitle2" component="h4">
          {props.step.name}
        </Typography>
        {info && <RunStatusLabel status={info.status} reason={info.reason} />}
        {info?.exitCode !== undefined && (
          <Typography variant="caption" color="textSecondary">
            exit code {info.exitCode}
          </Typography>
        )}
      </div>
      {props.step.log === '' ? (
        <Typography variant="body2" color="textSecondary">
          No output.
        </Typography>
      ) : (
        <Box height={height}>
          <LogViewer text={props.step.log} />
        </Box>
      )}
    </section>
  );
}

/**
 * Step logs of one task, fetched live through the backend, with a download of all steps.
 * While the task runs the logs are refetched every few seconds unless follow is turned off.
 */
export function TaskLogs(props: TaskLogsProps) {
  const { uid, task, followIntervalMs = 3000 } = props;
  const classes = useStyles();
  const api = useApi(deliveryApiRef);
  const [follow, setFollow] = useState(true);

  const hasPod = task.kind === undefined || task.kind === 'TaskRun';
  const started =
    Boolean(task.podName) ||
    Boolean(task.startedAt) ||
    task.status === 'running';
  const canFetch = hasPod && started;
  const load = useMemo(
    () => (canFetch ? () => api.getTaskLogs(uid, task.name) : undefined),
    [api, uid, task.name, canFetch],
  );
  const logs = useRefreshableValue(load);
  const live = canFetch && isActiveStatus(task.status);
  useInterval(logs.refresh, live && follow ? followIntervalMs : null);

  // Once the task finishes, fetch one last time for the complete logs.
  const { reload } = logs;
  const wasLive = useRef(live);
  useEffect(() => {
    if (wasLive.current && !live) {
      reload();
    }
    wasLive.current = live;
  }, [live, reload]);

  const title = task.pipelineTaskName || task.name;
  let body;
  if (!hasPod) {
    body = (
      <Typography variant="body2" color="textSecondary">
        This task runs as a {task.kind}, which has no pod logs.
      </Typography>
    );
  } else if (!started) {
    body = (
      <Typography variant="body2" color="textSecondary">
        {task.status === 'pending'
          ? 'Logs appear once the task starts.'
          : 'This task did not run, so it has no logs.'}
      </Typography>
    );
  } else if (logs.loading) {
    body = <Progress />;
  } else {
    body = (
      <>
        {logs.error && (
          <Box mb={2}>
            {isNotFound(logs.error) && (
              <Typography variant="body2" color="textSecondary" paragraph>
                The logs of this task are not available:{' '}
                {notFoundReason(logs.error)}
              </Typography>
            )}
            <ResponseErrorPanel error={logs.error} />
          </Box>
        )}
        {logs.value && logs.value.steps.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            No steps have logged anything yet.
          </Typography>
        )}
        {logs.value?.steps.map(step => (
          <StepLog key={step.name} task={task} step={step} />
        ))}
      </>
    );
  }

  const value = logs.value;
  return (
    <div>
      <div className={classes.toolbar}>
        <Typography variant="h6" component="h3" className={classes.title}>
          Logs of {title}
        </Typography>
        {live && (
          <FormControlLabel
            control={
              <Switch
                size="small"
                checked={follow}
                onChange={event => setFollow(event.target.checked)}
              />
            }
            label="Follow"
          />
        )}
        <Button
          size="small"
          variant="outlined"
          startIcon={<GetAppIcon />}
          disabled={!value || value.steps.length === 0}
          onClick={() =>
            value && downloadText(`${task.name}.log`, combinedLog(task, value))
          }
        >
          Download
        </Button>
      </div>
      {body}
    </div>
  );
}
