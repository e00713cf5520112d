import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { deliveryApiRef } from '../../api';
import { mapWithConcurrency } from './mapWithConcurrency';
import { DoraTeamRow, DoraTeamsTable } from './DoraTeamsTable';

/** At most this many groups are measured. */
export const MAX_TEAMS = 50;
/** Roll-up requests in flight at once. */
export const TEAM_CONCURRENCY = 4;

/**
 * Props of {@link DoraTeamsPage}.
 *
 * @public
 */
export interface DoraTeamsPageProps {
  /** Page title; defaults to "DORA by team". */
  title?: string;
}

/**
 * The "DORA by team" page: every group of the catalog (the first 50 by ref) with the pooled
 * DORA metrics of its components over the last 30 days, each with its band; sortable.
 *
 * @public
 */
export function DoraTeamsPage(props: DoraTeamsPageProps) {
  const { title = 'DORA by team' } = props;
  const catalogApi = useApi(catalogApiRef);
  const deliveryApi = useApi(deliveryApiRef);

  const state = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group' },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    });
    const refs = items.map(e => stringifyEntityRef(e)).sort();
    const groups = refs.slice(0, MAX_TEAMS);
    const results = await mapWithConcurrency(groups, TEAM_CONCURRENCY, owner =>
      deliveryApi.getDoraRollup({ owner }),
    );
    const rows: DoraTeamRow[] = groups.map((groupRef, i) => {
      const result = results[i];
      return result.status === 'fulfilled'
        ? { groupRef, report: result.value }
        : {
            groupRef,
            error:
              result.reason instanceof Error
                ? result.reason.message
                : String(result.reason),
          };
    });
    return { rows, total: refs.length };
  }, [catalogApi, deliveryApi]);

  let body;
  if (state.loading) {
    body = <Progress />;
  } else if (state.error) {
    body = <ResponseErrorPanel error={state.error} />;
  } else if (!state.value || state.value.rows.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No teams in the catalog"
        description="DORA by team pools the components owned by each Group entity; register groups (kind: Group) and set spec.owner on components."
      />
    );
  } else {
    const { rows, total } = state.value;
    body = (
      <>
        {total > rows.length && (
          <Typography variant="body2" color="textSecondary" paragraph>
            Showing the first {rows.length} of {total} teams.
          </Typography>
        )}
        <DoraTeamsTable rows={rows} title="Teams, last 30 days" />
      </>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title={title}
        subtitle="Pooled delivery metrics of each team's components (production tier, DevLake 2023 bands)"
      />
      <Content>{body}</Content>
    </Page>
  );
}
