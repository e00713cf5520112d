import { Typography } from '@material-ui/core';
import { EntityPipelineStats } from '@slipway/plugin-delivery-common';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
];

type Series = NonNullable<EntityPipelineStats['series']>;

/** One row per week: `{ week, <pipeline>: value }` for the chosen measure. */
function rows(
  series: Series,
  measure: (p: Series[number]['pipelines'][number]) => number | null,
) {
  return series.map(week => ({
    week: week.from.slice(5, 10),
    ...Object.fromEntries(
      week.pipelines.map(p => [p.pipelineName, measure(p)]),
    ),
  }));
}

function TrendChart(props: {
  title: string;
  data: object[];
  pipelines: string[];
  unit: string;
}) {
  return (
    <div aria-label={props.title}>
      <Typography variant="caption" color="textSecondary">
        {props.title}
      </Typography>
      <ResponsiveContainer width="100%" height={150}>
        <LineChart data={props.data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="week" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} unit={props.unit} width={48} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {props.pipelines.map((name, i) => (
            <Line
              key={name}
              dataKey={name}
              stroke={COLORS[i % COLORS.length]}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * Weekly trends per pipeline: success rate and median duration of successful runs.
 */
export function PipelineTrendCharts(props: {
  series: Series;
  pipelines: string[];
}) {
  const { series, pipelines } = props;
  return (
    <>
      <TrendChart
        title="Success rate per week"
        unit="%"
        pipelines={pipelines}
        data={rows(series, p =>
          p.successRate === null ? null : Math.round(p.successRate * 100),
        )}
      />
      <TrendChart
        title="Median duration per week (minutes)"
        unit="m"
        pipelines={pipelines}
        data={rows(series, p =>
          p.durationMedianSeconds === null
            ? null
            : Number((p.durationMedianSeconds / 60).toFixed(1)),
        )}
      />
    </>
  );
}
