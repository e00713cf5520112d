import { DoraReport } from '@slipway/plugin-delivery-common';
import { Line, LineChart, Tooltip, YAxis } from 'recharts';
import { DoraMetricDefinition } from './doraMetrics';

/** A weekly series of a report. */
export type DoraSeries = NonNullable<DoraReport['series']>;

/** One row per week of a metric's trend: `{ week: 'MM-DD', value }`. */
export function trendRows(series: DoraSeries, metric: DoraMetricDefinition) {
  return series.map(week => ({
    week: week.from.slice(5, 10),
    value: metric.trend.value(week),
  }));
}

/**
 * A tiny fixed-size line of one metric per week. Renders nothing with fewer than two weeks
 * that have a value.
 */
export function DoraSparkline(props: {
  metric: DoraMetricDefinition;
  series?: DoraSeries;
}) {
  const { metric, series } = props;
  if (!series) {
    return null;
  }
  const data = trendRows(series, metric);
  if (data.filter(d => d.value !== null).length < 2) {
    return null;
  }
  const label = `${metric.trend.title}, last ${data.length} weeks`;
  return (
    <div role="img" aria-label={label} title={label}>
      <LineChart
        width={120}
        height={32}
        data={data}
        margin={{ top: 2, right: 2, bottom: 2, left: 2 }}
      >
        <YAxis hide domain={['auto', 'auto']} />
        <Tooltip
          labelFormatter={(_, payload) =>
            String(payload?.[0]?.payload?.week ?? '')
          }
          formatter={value => [`${value}${metric.trend.unit}`, metric.title]}
        />
        <Line
          dataKey="value"
          stroke="#1f77b4"
          strokeWidth={1.5}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
}
