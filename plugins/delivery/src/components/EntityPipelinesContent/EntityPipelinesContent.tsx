import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import { useEntityRuns } from '../../hooks/useEntityRuns';
import { NoRunsState } from './NoRunsState';
import { RunsTable } from './RunsTable';

const PAGE_SIZE = 25;

/**
 * The CI/CD tab of an entity: its pipeline runs, newest first, 25 at a time.
 *
 * @public
 */
export function EntityPipelinesContent() {
  const { entity } = useEntity();
  const { loading, error, runs, hasMore, loadingMore, loadMore } =
    useEntityRuns(PAGE_SIZE);

  if (loading) {
    return <Progress />;
  }
  if (error && runs.length === 0) {
    return <ResponseErrorPanel error={error} />;
  }
  if (runs.length === 0) {
    return <NoRunsState entity={entity} />;
  }
  return (
    <>
      <RunsTable runs={runs} title="Pipeline runs" />
      {error && <ResponseErrorPanel error={error} />}
      {hasMore && (
        <Box display="flex" justifyContent="center" mt={2}>
          <Button variant="outlined" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load older runs'}
          </Button>
        </Box>
      )}
    </>
  );
}
