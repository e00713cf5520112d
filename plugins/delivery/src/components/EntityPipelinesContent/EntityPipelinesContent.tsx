import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Button, Grid } from '@material-ui/core';
import { useEffect, useState } from 'react';
import { RunFilter, useEntityRuns } from '../../hooks/useEntityRuns';
import { useOpenRunParam } from '../../hooks/useOpenRunParam';
import { usePipelineStats } from '../../hooks/usePipelineStats';
import { PipelineStatsCard } from '../PipelineStats';
import { RunDetailsDrawer } from '../RunDetails';
import { RunFilters } from '../RunFilters';
import { NoRunsState } from './NoRunsState';
import { RunsTable } from './RunsTable';
import { StartRunButton } from './StartRunButton';

const PAGE_SIZE = 25;
const STATS_DAYS = 30;

/**
 * The CI/CD tab of an entity: pipeline health, then its runs (newest first, 25 at a time,
 * filtered on the server, refreshed while runs are active), with a run's details in a drawer
 * that the `?run=<uid>` query parameter opens, so it can be linked to. "Start a run" starts a
 * pipeline the entity ran before, with a form of its params.
 *
 * @public
 */
export function EntityPipelinesContent() {
  const { entity } = useEntity();
  const [filter, setFilter] = useState<RunFilter>({});
  const [openRun, setOpenRun] = useOpenRunParam();
  const stats = usePipelineStats(STATS_DAYS);
  const { loading, error, runs, hasMore, loadingMore, loadMore, refresh } =
    useEntityRuns(PAGE_SIZE, filter);
  // providers of the runs seen so far, so the provider filter keeps its options when applied
  const [providers, setProviders] = useState<string[]>([]);
  useEffect(() => {
    setProviders(seen => {
      const more = runs.map(r => r.provider).filter(p => !seen.includes(p));
      return more.length ? [...seen, ...new Set(more)].sort() : seen;
    });
  }, [runs]);

  const filtered = Boolean(
    filter.status || filter.pipeline || filter.branch || filter.provider,
  );
  const titled = filtered ? 'Pipeline runs (filtered)' : 'Pipeline runs';
  if (!loading && !error && runs.length === 0 && !filtered) {
    return <NoRunsState entity={entity} />;
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <PipelineStatsCard
          stats={stats.value}
          error={stats.error}
          days={STATS_DAYS}
        />
      </Grid>
      <Grid item xs={12}>
        <Box display="flex" justifyContent="flex-end" mb={2}>
          <StartRunButton
            entity={getCompoundEntityRef(entity)}
            onStarted={refresh}
            onOpenRun={setOpenRun}
          />
        </Box>
        <RunFilters
          value={filter}
          onChange={setFilter}
          pipelines={stats.value?.pipelines.map(p => p.pipelineName) ?? []}
          providers={providers}
        />
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {!loading && (
          <RunsTable
            runs={runs}
            title={filter.order === 'asc' ? `${titled}, oldest first` : titled}
            onOpen={setOpenRun}
          />
        )}
        {hasMore && !loading && (
          <Box display="flex" justifyContent="center" mt={2}>
            <Button
              variant="outlined"
              onClick={loadMore}
              disabled={loadingMore}
            >
              {loadingMore ? 'Loading…' : 'Load older runs'}
            </Button>
          </Box>
        )}
      </Grid>
      {openRun && (
        <RunDetailsDrawer
          uid={openRun}
          onRunStarted={started => {
            refresh();
            if (started.uid) setOpenRun(started.uid);
          }}
          onClose={() => {
            setOpenRun(undefined);
            refresh();
          }}
        />
      )}
    </Grid>
  );
}
