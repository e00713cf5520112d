import { Link, Table, TableColumn } from '@backstage/core-components';
import { Button, Typography } from '@material-ui/core';
import { PipelineRun } from '@slipway/plugin-delivery-common';
import { formatDuration, formatRelative } from '../../utils/format';
import { commitUrl } from '../../utils/git';
import { RunProvider } from '../RunProvider';
import { RunStatusLabel } from '../RunStatusLabel';
import { TaskProgress } from '../TaskProgress';

function columns(onOpen: (uid: string) => void): TableColumn<PipelineRun>[] {
  return [
    {
      title: 'Status',
      field: 'status',
      width: '150px',
      cellStyle: { whiteSpace: 'nowrap' },
      render: run => <RunStatusLabel status={run.status} reason={run.reason} />,
    },
    {
      title: 'Run',
      field: 'name',
      render: run => (
        <>
          <Button
            size="small"
            color="primary"
            onClick={() => onOpen(run.uid)}
            aria-label={`Open run ${run.name}`}
            style={{ textTransform: 'none', padding: 0, minWidth: 0 }}
          >
            {run.name}
          </Button>
          <Typography variant="caption" color="textSecondary" component="div">
            {run.pipelineName}
            {run.environment ? ` → ${run.environment}` : ''}
            {run.rerunOf ? ' · rerun' : ''}
          </Typography>
        </>
      ),
    },
    {
      title: 'Provider',
      field: 'provider',
      cellStyle: { whiteSpace: 'nowrap' },
      render: run => <RunProvider run={run} />,
    },
    {
      title: 'Commit',
      field: 'git.revision',
      render: run => {
        const sha = run.git.revision?.slice(0, 7);
        const url = commitUrl(run.git);
        if (!sha) return '—';
        return url ? <Link to={url}>{sha}</Link> : <code>{sha}</code>;
      },
    },
    {
      title: 'Branch',
      field: 'git.branch',
      render: run => (
        <>
          <Typography variant="body2">{run.git.branch ?? '—'}</Typography>
          {run.git.pullRequest && (
            <Typography variant="caption" color="textSecondary">
              PR #{run.git.pullRequest}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Trigger',
      field: 'git.eventType',
      render: run => run.git.eventType ?? '—',
    },
    {
      title: 'Started',
      field: 'startedAt',
      render: run => (
        <span title={run.startedAt ?? run.createdAt}>
          {formatRelative(run.startedAt ?? run.createdAt)}
        </span>
      ),
    },
    {
      title: 'Duration',
      field: 'durationSeconds',
      render: run => formatDuration(run.durationSeconds),
    },
    {
      title: 'Tasks',
      field: 'taskSummary',
      render: run => <TaskProgress summary={run.taskSummary} />,
    },
  ];
}

/** The runs of an entity as a table (no client-side paging: pages come from the backend). */
export function RunsTable(props: {
  runs: PipelineRun[];
  title: string;
  onOpen: (uid: string) => void;
}) {
  return (
    <Table<PipelineRun>
      title={props.title}
      columns={columns(props.onOpen)}
      data={props.runs}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        sorting: false,
      }}
    />
  );
}
