import {
  InfoCard,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import {
  EntityPipelineStats,
  PipelineStats,
} from '@slipway/plugin-delivery-common';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDuration } from '../../utils/format';

const percent = (rate: number | null) =>
  rate === null ? '—' : `${Math.round(rate * 100)}%`;

const columns: TableColumn<PipelineStats>[] = [
  { title: 'Pipeline', field: 'pipelineName' },
  { title: 'Finished runs', field: 'finishedRuns' },
  {
    title: 'Success rate',
    field: 'successRate',
    render: s => percent(s.successRate),
  },
  {
    title: 'Duration median / p90',
    field: 'durationMedianSeconds',
    render: s =>
      `${formatDuration(
        s.durationMedianSeconds ?? undefined,
      )} / ${formatDuration(s.durationP90Seconds ?? undefined)}`,
  },
  {
    title: 'Most frequent failures',
    field: 'failureReasons',
    render: s =>
      s.failureReasons.length === 0
        ? '—'
        : s.failureReasons.slice(0, 3).map(r => (
            <Typography key={r.reason} variant="body2">
              {r.reason} ×{r.count}
            </Typography>
          )),
  },
];

/**
 * Pipeline health over a window: per pipeline the success rate, duration median and p90, and
 * the most frequent failure reasons, with a chart of the durations.
 */
export function PipelineStatsCard(props: {
  stats?: EntityPipelineStats;
  error?: Error;
  days: number;
}) {
  const { stats, error, days } = props;
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const pipelines = stats?.pipelines.filter(p => p.finishedRuns > 0) ?? [];
  if (pipelines.length === 0) {
    return null;
  }
  const chart = pipelines.map(p => ({
    name: p.pipelineName,
    'median (min)': Number(((p.durationMedianSeconds ?? 0) / 60).toFixed(1)),
    'p90 (min)': Number(((p.durationP90Seconds ?? 0) / 60).toFixed(1)),
    'success %': Math.round((p.successRate ?? 0) * 100),
  }));
  return (
    <InfoCard title={`Pipeline health, last ${days} days`} noPadding>
      <Box display="flex" flexWrap="wrap">
        <Box flex="2 1 560px">
          <Table<PipelineStats>
            columns={columns}
            data={pipelines}
            options={{
              paging: false,
              search: false,
              toolbar: false,
              padding: 'dense',
            }}
          />
        </Box>
        <Box flex="1 1 320px" height={220} p={2} aria-label="Duration chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={chart}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" tick={{ fontSize: 11 }} />
              <YAxis tick={{ fontSize: 11 }} />
              <Tooltip />
              <Legend />
              <Bar dataKey="median (min)" fill="#1f77b4" />
              <Bar dataKey="p90 (min)" fill="#ff7f0e" />
            </BarChart>
          </ResponsiveContainer>
        </Box>
      </Box>
    </InfoCard>
  );
}
