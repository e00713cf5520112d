import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { deliveryApiRef } from '../../api';
import { DoraControls } from './DoraControls';
import { plural } from './doraFormat';
import { DoraReportView } from './DoraReportView';
import { useDoraWindow } from './useDoraWindow';

/**
 * The DORA tab of a group's entity page: the metrics of the group's components (child groups
 * included) pooled, with window and environment pickers and weekly trends.
 *
 * @public
 */
export function DoraTeamContent() {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const owner = useMemo(() => stringifyEntityRef(entity), [entity]);
  const w = useDoraWindow();
  const { from, to, environmentParam } = w;

  const report = useAsync(
    () =>
      api.getDoraRollup({
        owner,
        from,
        to,
        environment: environmentParam,
        series: 'week',
      }),
    [api, owner, from, to, environmentParam],
  );

  const components = report.value?.entityRefs?.length;
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
          {components !== undefined && (
            <Typography variant="body2" color="textSecondary" paragraph>
              Pooled over {plural(components, 'component')} owned by{' '}
              {entity.metadata.title ?? entity.metadata.name} and its child
              teams.
            </Typography>
          )}
          <DoraReportView
            report={report.value}
            environment={w.environment}
            title="DORA metrics of the team"
          />
        </>
      )}
    </>
  );
}
