import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { DoraMetrics } from '@slipway/plugin-delivery-common';
import { DoraBandChip } from './DoraBandChip';
import { formatDoraDuration } from './doraFormat';
import { DORA_METRICS, DoraMetricDefinition } from './doraMetrics';
import { DoraSeries, DoraSparkline } from './DoraSparkline';

function Metric(props: {
  metric: DoraMetricDefinition;
  metrics: DoraMetrics;
  series?: DoraSeries;
}) {
  const { metric, metrics, series } = props;
  const band = metric.band(metrics);
  return (
    <Box role="group" aria-label={metric.title}>
      <Typography variant="overline" component="h3" color="textSecondary">
        {metric.title}
      </Typography>
      <Box display="flex" alignItems="center" flexWrap="wrap">
        <Typography
          variant="h5"
          component="span"
          style={{ marginRight: 8 }}
          data-testid={`dora-value-${metric.id}`}
        >
          {metric.value(metrics)}
        </Typography>
        {band === undefined ? (
          <Typography variant="caption" color="textSecondary">
            no bands (DORA 2024)
          </Typography>
        ) : (
          <DoraBandChip
            band={band}
            metric={metric.title}
            detail={metric.thresholds}
          />
        )}
      </Box>
      <Typography variant="caption" color="textSecondary" component="p">
        {metric.detail(metrics)}
      </Typography>
      <DoraSparkline metric={metric} series={series} />
    </Box>
  );
}

/**
 * Props of {@link DoraMetricsBlock}.
 *
 * @public
 */
export interface DoraMetricsBlockProps {
  metrics: DoraMetrics;
  /** Weekly series for a sparkline under each metric. */
  series?: DoraSeries;
}

/**
 * The five DORA metrics side by side, each with its raw value, band chip, the counts behind it
 * and an optional weekly sparkline; time to restore service (legacy) in smaller print below.
 *
 * @public
 */
export function DoraMetricsBlock(props: DoraMetricsBlockProps) {
  const { metrics, series } = props;
  return (
    <>
      <Grid container spacing={2}>
        {DORA_METRICS.map(metric => (
          <Grid item key={metric.id} xs={12} sm={6} md>
            <Metric metric={metric} metrics={metrics} series={series} />
          </Grid>
        ))}
      </Grid>
      <Typography
        variant="body2"
        color="textSecondary"
        role="note"
        aria-label="Time to restore service"
        style={{ marginTop: 8 }}
      >
        Time to restore service (legacy, all resolved incidents):{' '}
        {formatDoraDuration(metrics.timeToRestoreServiceMedianSeconds)}
      </Typography>
    </>
  );
}
