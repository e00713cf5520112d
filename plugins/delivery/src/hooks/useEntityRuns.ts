import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { PipelineRun, PipelineRunPage } from '@slipway/plugin-delivery-common';
import { useCallback, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { deliveryApiRef } from '../api';

/** What {@link useEntityRuns} returns. */
export interface EntityRunsState {
  loading: boolean;
  error?: Error;
  runs: PipelineRun[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
}

/**
 * The current entity's runs, newest first, one page at a time.
 */
export function useEntityRuns(limit: number): EntityRunsState {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const ref = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const [morePages, setMorePages] = useState<PipelineRunPage[]>([]);

  const first = useAsync(async () => {
    setMorePages([]);
    return api.listRuns({ entity: ref, limit });
  }, [api, ref, limit]);

  const lastPage = morePages[morePages.length - 1] ?? first.value;
  const [more, fetchMore] = useAsyncFn(async () => {
    if (!lastPage?.nextCursor) {
      return;
    }
    const page = await api.listRuns({
      entity: ref,
      limit,
      cursor: lastPage.nextCursor,
    });
    setMorePages(pages => [...pages, page]);
  }, [api, ref, limit, lastPage]);

  const loadMore = useCallback(() => {
    fetchMore();
  }, [fetchMore]);

  return {
    loading: first.loading,
    error: first.error ?? more.error,
    runs: [first.value, ...morePages].flatMap(p => p?.items ?? []),
    hasMore: Boolean(lastPage?.nextCursor),
    loadingMore: more.loading,
    loadMore,
  };
}
