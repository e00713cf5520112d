import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { DORA_METRICS } from './doraMetrics';
import { DoraSeries, trendRows } from './DoraSparkline';

/**
 * One line chart per metric over the weekly series: deployments per week, lead time and
 * recovery medians in hours, change failure and rework rates in percent. Asks for a longer
 * window when the series has fewer than two weeks.
 */
export function DoraTrendCharts(props: { series?: DoraSeries }) {
  const { series } = props;
  if (!series || series.length < 2) {
    return (
      <Typography variant="body2" color="textSecondary">
        Weekly trends need a window of at least two weeks.
      </Typography>
    );
  }
  return (
    <Grid container spacing={2}>
      {DORA_METRICS.map(metric => (
        <Grid item key={metric.id} xs={12} md={6} lg={4}>
          <div role="figure" aria-label={metric.trend.title}>
            <Typography variant="caption" color="textSecondary">
              {metric.trend.title}
            </Typography>
            <ResponsiveContainer width="100%" height={160}>
              <LineChart data={trendRows(series, metric)}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="week" tick={{ fontSize: 11 }} />
                <YAxis
                  tick={{ fontSize: 11 }}
                  unit={metric.trend.unit}
                  width={48}
                  allowDecimals={metric.id !== 'deploymentFrequency'}
                />
                <Tooltip />
                <Line
                  dataKey="value"
                  name={metric.title}
                  stroke="#1f77b4"
                  dot
                  connectNulls
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </Grid>
      ))}
    </Grid>
  );
}
