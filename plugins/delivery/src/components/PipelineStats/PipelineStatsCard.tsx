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
import { PipelineTrendCharts } from './PipelineTrendCharts';
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
 * the most frequent failure reasons, with weekly trends of success rate and duration.
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
        <Box flex="1 1 360px" p={2}>
          {stats?.series && (
            <PipelineTrendCharts
              series={stats.series}
              pipelines={pipelines.map(p => p.pipelineName)}
            />
          )}
        </Box>
      </Box>
    </InfoCard>
  );
}
