import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { PipelineRun } from '@slipway/plugin-delivery-common';
import { ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { formatDuration, formatRelative } from '../../utils/format';
import { commitUrl } from '../../utils/git';
import { RunProvider } from '../RunProvider';
import { RunStatusLabel } from '../RunStatusLabel';
import { elapsedSeconds, formatTimestamp, isActiveStatus } from './runFormat';
import { ValuesTable } from './ValuesTable';

const useStyles = makeStyles(theme => ({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  name: {
    wordBreak: 'break-all',
  },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1, 3),
    marginTop: theme.spacing(1.5),
  },
  mono: {
    fontFamily: 'monospace',
    wordBreak: 'break-all',
  },
  message: {
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
}));

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </div>
  );
}

/** Link to another run in the same page, through the `run` query parameter. */
function useRunHref(uid: string): string {
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  params.set('run', uid);
  return `${location.pathname}?${params.toString()}`;
}

function RerunOf(props: { uid: string }) {
  const href = useRunHref(props.uid);
  return (
    <Typography variant="body2" color="textSecondary">
      Rerun of <Link to={href}>{props.uid}</Link>
    </Typography>
  );
}

function PullRequest(props: { value: string }) {
  if (/^https?:\/\//i.test(props.value)) {
    return <Link to={props.value}>{props.value.replace(/^.*\//, '#')}</Link>;
  }
  return <>{/^\d+$/.test(props.value) ? `#${props.value}` : props.value}</>;
}

/** Props of {@link RunDetails}. */
export interface RunDetailsProps {
  run: PipelineRun;
  /** Show the run name in the header (off when a surrounding title already does). */
  showName?: boolean;
}

/**
 * Facts of one pipeline run: status and timing, source revision, built image, params,
 * results and the status message.
 */
export function RunDetails(props: RunDetailsProps) {
  const { run, showName = true } = props;
  const classes = useStyles();
  const started = run.startedAt ?? run.createdAt;
  const duration =
    run.durationSeconds ?? elapsedSeconds(run.startedAt, run.completedAt);
  const sha = run.git.revision;
  const shaUrl = commitUrl(run.git);

  return (
    <Box>
      <div className={classes.header}>
        <RunStatusLabel status={run.status} reason={run.reason} />
        {showName && (
          <Typography variant="h6" component="span" className={classes.name}>
            {run.name}
          </Typography>
        )}
        {run.signed && (
          <Chip
            size="small"
            color="primary"
            variant="outlined"
            icon={<VerifiedUserIcon />}
            label="signed"
            title="Signed by Tekton Chains"
          />
        )}
      </div>
      {run.rerunOf && <RerunOf uid={run.rerunOf} />}

      <div className={classes.facts}>
        <Fact label="Provider">
          <RunProvider run={run} />
        </Fact>
        {run.pipelineName && <Fact label="Pipeline">{run.pipelineName}</Fact>}
        {run.environment && <Fact label="Environment">{run.environment}</Fact>}
        <Fact label={run.startedAt ? 'Started' : 'Created'}>
          <span title={formatTimestamp(started)}>
            {formatRelative(started)}
          </span>
        </Fact>
        <Fact label={isActiveStatus(run.status) ? 'Running for' : 'Duration'}>
          {formatDuration(duration)}
        </Fact>
        {run.queueSeconds !== undefined && (
          <Fact label="Queued">{formatDuration(run.queueSeconds)}</Fact>
        )}
        {sha && (
          <Fact label="Commit">
            {shaUrl ? (
              <Link to={shaUrl} title={sha} className={classes.mono}>
                {sha.slice(0, 7)}
              </Link>
            ) : (
              <span title={sha} className={classes.mono}>
                {sha.slice(0, 7)}
              </span>
            )}
          </Fact>
        )}
        {run.git.branch && <Fact label="Branch">{run.git.branch}</Fact>}
        {run.git.pullRequest && (
          <Fact label="Pull request">
            <PullRequest value={run.git.pullRequest} />
          </Fact>
        )}
        {run.git.eventType && <Fact label="Event">{run.git.eventType}</Fact>}
        {run.git.repository && (
          <Fact label="Repository">
            <span className={classes.mono}>{run.git.repository}</span>
          </Fact>
        )}
      </div>

      {(run.image?.url || run.image?.digest) && (
        <div className={classes.facts}>
          {run.image.url && (
            <Fact label="Image">
              <span className={classes.mono}>{run.image.url}</span>
            </Fact>
          )}
          {run.image.digest && (
            <Fact label="Digest">
              <span className={classes.mono}>{run.image.digest}</span>
            </Fact>
          )}
        </div>
      )}

      {run.message && (
        <Box mt={1.5}>
          <Typography variant="caption" color="textSecondary" component="div">
            Message
          </Typography>
          <Typography variant="body2" className={classes.message}>
            {run.message}
          </Typography>
        </Box>
      )}

      {(Boolean(run.params?.length) || Boolean(run.results?.length)) && (
        <Box mt={2}>
          <Grid container spacing={2}>
            {run.params && run.params.length > 0 && (
              <Grid item xs={12} md={6}>
                <ValuesTable title="Parameters" values={run.params} />
              </Grid>
            )}
            {run.results && run.results.length > 0 && (
              <Grid item xs={12} md={6}>
                <ValuesTable title="Results" values={run.results} />
              </Grid>
            )}
          </Grid>
        </Box>
      )}
    </Box>
  );
}
