import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { deliveryApiRef } from '../../api';
import { DoraControls } from './DoraControls';
import { DoraRecordsTables } from './DoraRecordsTables';
import { DoraReportView } from './DoraReportView';
import { useDoraWindow } from './useDoraWindow';

/**
 * The DORA tab of an entity: window and environment pickers, the five metrics with their bands,
 * weekly trend charts, and the deployments, changes and incidents behind the numbers.
 *
 * @public
 */
export function EntityDoraContent() {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const ref = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const w = useDoraWindow();
  const { from, to, environmentParam } = w;

  const report = useAsync(
    () =>
      api.getDora({
        entity: ref,
        from,
        to,
        environment: environmentParam,
        series: 'week',
      }),
    [api, ref, from, to, environmentParam],
  );
  const records = useAsync(
    () => api.getDoraRecords({ entity: ref, from, to }),
    [api, ref, from, to],
  );

  return (
    <>
      <DoraControls
        days={w.days}
        onDaysChange={w.setDays}
        environment={w.environment}
        onEnvironmentChange={w.setEnvironment}
      />
      {report.loading && <Progress />}
      {report.error && <ResponseErrorPanel error={report.error} />}
      {report.value && !report.loading && (
        <>
          <DoraReportView
            report={report.value}
            environment={w.environment}
            title="DORA metrics"
          />
          <Box mt={2}>
            {records.loading && <Progress />}
            {records.error && <ResponseErrorPanel error={records.error} />}
            {records.value && !records.loading && (
              <DoraRecordsTables
                records={records.value}
                report={report.value}
              />
            )}
          </Box>
        </>
      )}
      {!report.loading && !report.error && !report.value && (
        <InfoCard title="DORA metrics">No report.</InfoCard>
      )}
    </>
  );
}
