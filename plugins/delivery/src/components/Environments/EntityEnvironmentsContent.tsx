import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { EnvironmentLaneCard } from './EnvironmentLaneCard';
import { NoEnvironmentsState } from './NoEnvironmentsState';
import { useEnvironments } from './useEnvironments';

/**
 * The Environments tab of a component: one lane per environment in promotion order, with what
 * runs there, its approval policy, pending promotions to decide, Promote and Roll back.
 *
 * @public
 */
export function EntityEnvironmentsContent() {
  const { loading, error, value, retry, entity } = useEnvironments();
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.environments.length === 0) return <NoEnvironmentsState />;
  const lanes = value.environments;
  return (
    <Grid container spacing={3} alignItems="stretch">
      {lanes.map((lane, i) => (
        <Grid
          item
          xs={12}
          md={Math.max(4, Math.floor(12 / lanes.length)) as 4 | 6 | 12}
          key={lane.entityRef}
        >
          <EnvironmentLaneCard
            entity={entity}
            lane={lane}
            previous={lanes[i - 1]}
            onChanged={retry}
          />
        </Grid>
      ))}
    </Grid>
  );
}
