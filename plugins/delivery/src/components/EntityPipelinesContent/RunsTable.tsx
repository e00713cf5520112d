import { Table, TableColumn } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { PipelineRun } from '@slipway/plugin-delivery-common';
import { formatDuration, formatRelative } from '../../utils/format';
import { RunStatusLabel } from '../RunStatusLabel';

const columns: TableColumn<PipelineRun>[] = [
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
        <Typography variant="body2">{run.name}</Typography>
        <Typography variant="caption" color="textSecondary">
          {run.pipelineName}
          {run.environment ? ` → ${run.environment}` : ''}
        </Typography>
      </>
    ),
  },
  {
    title: 'Branch',
    field: 'git.branch',
    render: run => (
      <>
        <Typography variant="body2">{run.git.branch ?? '—'}</Typography>
        <Typography variant="caption" color="textSecondary">
          {run.git.revision?.slice(0, 7)}
          {run.git.pullRequest ? ` · PR #${run.git.pullRequest}` : ''}
        </Typography>
      </>
    ),
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
];

/** The runs of an entity as a table (no client-side paging: pages come from the backend). */
export function RunsTable(props: { runs: PipelineRun[]; title: string }) {
  return (
    <Table<PipelineRun>
      title={props.title}
      columns={columns}
      data={props.runs}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}
