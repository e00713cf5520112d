import { getCompoundEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { deliveryApiRef } from '../../api';
import { windowOf } from './doraFormat';
import { DoraMetricsBlock } from './DoraMetricsBlock';
import { DoraNoData } from './DoraNoData';
import { DoraWarnings } from './DoraWarnings';

/** Days of the weekly series behind the card's sparklines: 12 weeks. */
export const SPARKLINE_DAYS = 84;

/**
 * Props of {@link EntityDoraCard}.
 *
 * @public
 */
export interface EntityDoraCardProps {
  /** Card title; defaults to "DORA (last 30 days)". */
  title?: string;
}

/**
 * Overview card of the current entity's DORA metrics over the last 30 days (production tier):
 * raw values with their bands, a 12-week sparkline per metric, time to restore service in
 * smaller print, and the data-quality warnings collapsed. Explains where the data comes from
 * when there are no deployments.
 *
 * @public
 */
export function EntityDoraCard(props: EntityDoraCardProps) {
  const { title = 'DORA (last 30 days)' } = props;
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const ref = useMemo(() => getCompoundEntityRef(entity), [entity]);

  const report = useAsync(() => api.getDora({ entity: ref }), [api, ref]);
  const trend = useAsync(
    () =>
      api.getDora({ entity: ref, ...windowOf(SPARKLINE_DAYS), series: 'week' }),
    [api, ref],
  );

  let body;
  if (report.loading) {
    body = <Progress />;
  } else if (report.error) {
    body = <ResponseErrorPanel error={report.error} />;
  } else if (!report.value) {
    body = null;
  } else if (report.value.deploymentCount === 0) {
    body = (
      <>
        <DoraMetricsBlock metrics={report.value} />
        <DoraNoData />
        <DoraWarnings warnings={report.value.warnings} />
      </>
    );
  } else {
    body = (
      <>
        <DoraMetricsBlock metrics={report.value} series={trend.value?.series} />
        <DoraWarnings warnings={report.value.warnings} />
      </>
    );
  }
  return <InfoCard title={title}>{body}</InfoCard>;
}
