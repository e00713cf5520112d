import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { useCallback, useState } from 'react';
import {
  FindingFilter,
  isFindingFilterSet,
  useFindings,
} from '../../hooks/useFindings';
import { FindingFilters } from './FindingFilters';
import { FindingsTable } from './FindingsTable';
import { NoFindingsState } from './NoFindingsState';
import { SecuritySummaryCard } from './SecuritySummaryCard';
import { useSecurityOverview } from './useSecurityOverview';

const PAGE_SIZE = 50;

/**
 * The Security tab of an entity: the gate verdict and counts, then its findings (most severe
 * first, 50 at a time, filtered on the server), which allowed users can suppress.
 *
 * @public
 */
export function EntitySecurityContent() {
  const [filter, setFilter] = useState<FindingFilter>({});
  const overview = useSecurityOverview();
  const { loading, error, findings, hasMore, loadingMore, loadMore, reload } =
    useFindings(filter, PAGE_SIZE);
  const reloadOverview = overview.reload;
  const onChanged = useCallback(() => {
    reload();
    reloadOverview();
  }, [reload, reloadOverview]);

  const filtered = isFindingFilterSet(filter);
  if (
    overview.hasFindings === false &&
    !filtered &&
    !loading &&
    !error &&
    findings.length === 0
  ) {
    return <NoFindingsState />;
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SecuritySummaryCard overview={overview} />
      </Grid>
      <Grid item xs={12}>
        <FindingFilters value={filter} onChange={setFilter} />
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {!loading && !error && (
          <FindingsTable
            findings={findings}
            title={filtered ? 'Findings (filtered)' : 'Open findings'}
            emptyMessage={
              filtered
                ? 'No findings match these filters'
                : 'No open findings: everything reported has been fixed'
            }
            onChanged={onChanged}
          />
        )}
        {hasMore && !loading && (
          <Box display="flex" justifyContent="center" mt={2}>
            <Button
              variant="outlined"
              onClick={loadMore}
              disabled={loadingMore}
            >
              {loadingMore ? 'Loading…' : 'Load more findings'}
            </Button>
          </Box>
        )}
      </Grid>
    </Grid>
  );
}
