import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  List,
  ListItem,
  ListItemSecondaryAction,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { PipelineRun } from '@slipway/plugin-delivery-common';
import { Line, LineChart } from 'recharts';
import { useEntityRuns } from '../../hooks/useEntityRuns';
import { usePipelineStats } from '../../hooks/usePipelineStats';
import { formatDuration, formatRelative } from '../../utils/format';
import { NoRunsState } from '../EntityPipelinesContent/NoRunsState';
import { RunStatusLabel } from '../RunStatusLabel';

const SAMPLE = 50;

/** Runs grouped by pipeline, newest first within each. */
function byPipeline(runs: PipelineRun[]): Map<string, PipelineRun[]> {
  const groups = new Map<string, PipelineRun[]>();
  for (const run of runs) {
    const key = run.pipelineName ?? run.name;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  return groups;
}

function Sparkline(props: { runs: PipelineRun[] }) {
  const data = props.runs
    .filter(r => r.durationSeconds !== undefined && r.status === 'succeeded')
    .reverse()
    .map(r => ({ minutes: r.durationSeconds! / 60 }));
  if (data.length < 2) {
    return null;
  }
  return (
    <span aria-label="Duration trend">
      <LineChart width={90} height={28} data={data}>
        <Line
          type="monotone"
          dataKey="minutes"
          dot={false}
          stroke="#1f77b4"
          strokeWidth={1.5}
          isAnimationActive={false}
        />
      </LineChart>
    </span>
  );
}

/**
 * Overview card: per pipeline, the latest run, the success rate over 30 days and a sparkline
 * of recent successful run durations.
 *
 * @public
 */
export function EntityLatestRunsCard() {
  const { entity } = useEntity();
  const { loading, error, runs } = useEntityRuns(SAMPLE);
  const stats = usePipelineStats(30);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (runs.length === 0) {
    body = <NoRunsState entity={entity} />;
  } else {
    const rates = new Map(
      (stats.value?.pipelines ?? []).map(p => [p.pipelineName, p.successRate]),
    );
    body = (
      <List dense disablePadding>
        {[...byPipeline(runs)].map(([pipeline, pipelineRuns]) => {
          const latest = pipelineRuns[0];
          const rate = rates.get(pipeline);
          return (
            <ListItem key={pipeline} disableGutters divider>
              <ListItemText
                primary={
                  <>
                    <RunStatusLabel
                      status={latest.status}
                      reason={latest.reason}
                    />{' '}
                    <Typography component="span" variant="body2">
                      {pipeline}
                      {latest.environment ? ` → ${latest.environment}` : ''}
                    </Typography>
                  </>
                }
                secondary={`${
                  latest.git.branch ?? 'unknown branch'
                } · ${formatRelative(
                  latest.startedAt ?? latest.createdAt,
                )} · ${formatDuration(latest.durationSeconds)}${
                  rate === undefined || rate === null
                    ? ''
                    : ` · ${Math.round(rate * 100)}% success (30 days)`
                }`}
              />
              <ListItemSecondaryAction>
                <Sparkline runs={pipelineRuns} />
              </ListItemSecondaryAction>
            </ListItem>
          );
        })}
      </List>
    );
  }
  return <InfoCard title="Latest pipeline runs">{body}</InfoCard>;
}
