import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import { DoraReport, DoraRollupReport } from '@slipway/plugin-delivery-common';
import { DoraMetricsBlock } from './DoraMetricsBlock';
import { DoraNoData } from './DoraNoData';
import { DoraTrendCharts } from './DoraTrendCharts';
import { DoraWarnings } from './DoraWarnings';

/**
 * A report's metrics with bands (plus the no-data explanation and warnings) and its weekly
 * trend charts, as two cards.
 */
export function DoraReportView(props: {
  report: DoraReport | DoraRollupReport;
  environment: string;
  /** Title of the metrics card. */
  title: string;
}) {
  const { report, environment, title } = props;
  return (
    <>
      <InfoCard title={title}>
        <DoraMetricsBlock metrics={report} />
        {report.deploymentCount === 0 && (
          <DoraNoData environment={environment} />
        )}
        <DoraWarnings warnings={report.warnings} />
      </InfoCard>
      <Box mt={2}>
        <InfoCard title="Weekly trends">
          <DoraTrendCharts series={report.series} />
        </InfoCard>
      </Box>
    </>
  );
}
