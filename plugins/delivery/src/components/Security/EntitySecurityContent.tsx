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
import { FindingGroupsTable } from './FindingGroupsTable';
import { FindingsTable } from './FindingsTable';
import { GroupByToggle } from './GroupByToggle';
import { FindingGrouping } from './groupFindings';
import { NoFindingsState } from './NoFindingsState';
import { SecuritySummaryCard } from './SecuritySummaryCard';
import { useSecurityOverview } from './useSecurityOverview';

const PAGE_SIZE = 50;

/**
 * The Security tab of an entity: the gate verdict and counts, then its findings (most severe
 * first, 50 at a time, filtered on the server), which allowed users can suppress; or the
 * findings loaded so far grouped by vulnerability or by package.
 *
 * @public
 */
export function EntitySecurityContent() {
  const [filter, setFilter] = useState<FindingFilter>({});
  const [grouping, setGrouping] = useState<FindingGrouping>('finding');
  const overview = useSecurityOverview();
  const { loading, error, findings, hasMore, loadingMore, loadMore, reload } =
    useFindings(filter, PAGE_SIZE);
  const reloadOverview = overview.reload;
  const onChanged = useCallback(() => {
    reload();
    reloadOverview();
  }, [reload, reloadOverview]);

  const filtered = isFindingFilterSet(filter);
  const title = filtered ? 'Findings (filtered)' : 'Open findings';
  const emptyMessage = filtered
    ? 'No findings match these filters'
    : 'No open findings: everything reported has been fixed';
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
        <Box
          display="flex"
          flexWrap="wrap"
          justifyContent="space-between"
          alignItems="flex-end"
          style={{ columnGap: 16 }}
        >
          <FindingFilters value={filter} onChange={setFilter} />
          <GroupByToggle value={grouping} onChange={setGrouping} />
        </Box>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {!loading && !error && grouping === 'finding' && (
          <FindingsTable
            findings={findings}
            title={title}
            emptyMessage={emptyMessage}
            onChanged={onChanged}
          />
        )}
        {!loading && !error && grouping !== 'finding' && (
          <FindingGroupsTable
            findings={findings}
            grouping={grouping}
            title={`${title} by ${grouping}`}
            emptyMessage={emptyMessage}
            hasMore={hasMore}
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
