import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import useInterval from 'react-use/esm/useInterval';
import { useOpenRunParam } from '../../hooks/useOpenRunParam';
import { RunDetailsDrawer } from '../RunDetails';
import { EnvironmentLaneCard } from './EnvironmentLaneCard';
import { NoEnvironmentsState } from './NoEnvironmentsState';
import { useEnvironments } from './useEnvironments';

/** Props of {@link EntityEnvironmentsContent}. */
export interface EntityEnvironmentsContentProps {
  /** Milliseconds between reloads while a deployment is in progress; 10 s by default. */
  refreshIntervalMs?: number;
}

/**
 * The Environments tab of a component: one lane per environment in promotion order, with what
 * runs there, what is being deployed, its approval policy, pending promotions to decide,
 * Promote and Roll back. A run (a deployment in progress, the deploy run an approval or a
 * rollback started) opens in the run drawer, which `?run=<uid>` links to; the lanes are
 * reloaded while a deployment is in progress.
 *
 * @public
 */
export function EntityEnvironmentsContent(
  props: EntityEnvironmentsContentProps = {},
) {
  const { refreshIntervalMs = 10_000 } = props;
  const { loading, error, value, retry, entity } = useEnvironments();
  const [openRun, setOpenRun] = useOpenRunParam();
  const deploying = Boolean(value?.environments.some(lane => lane.deploying));
  useInterval(retry, deploying && !loading ? refreshIntervalMs : null);

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
            onOpenRun={setOpenRun}
          />
        </Grid>
      ))}
      {openRun && (
        <RunDetailsDrawer
          uid={openRun}
          onRunStarted={started => {
            retry();
            if (started.uid) setOpenRun(started.uid);
          }}
          onClose={() => {
            setOpenRun(undefined);
            retry();
          }}
        />
      )}
    </Grid>
  );
}
