import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  PipelineRun,
  PipelineRunPage,
  RunStatus,
} from '@slipway/plugin-delivery-common';
import { useCallback, useEffect, useMemo, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { deliveryApiRef } from '../api';

/** Server-side filters of the runs list. */
export interface RunFilter {
  status?: RunStatus[];
  pipeline?: string;
  branch?: string;
  /** Runs of one provider only, e.g. `github-actions`. */
  provider?: string;
  /** By start time: newest first (`desc`, the default) or oldest first (`asc`). */
  order?: 'asc' | 'desc';
}

/** What {@link useEntityRuns} returns. */
export interface EntityRunsState {
  loading: boolean;
  error?: Error;
  runs: PipelineRun[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  /** Re-reads the newest page now (e.g. after a rerun). */
  refresh: () => void;
}

const ACTIVE: RunStatus[] = ['pending', 'running'];

/**
 * The current entity's runs, newest first, one page at a time, filtered on the server. While a
 * loaded run is pending or running, the newest page is re-read every `refreshMs` and merged in
 * place, so older pages the user loaded stay where they are.
 */
export function useEntityRuns(
  limit: number,
  filter: RunFilter = {},
  refreshMs = 5000,
): EntityRunsState {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const ref = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const filterKey = JSON.stringify(filter);
  const [first, setFirst] = useState<PipelineRunPage>();
  const [morePages, setMorePages] = useState<PipelineRunPage[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error>();

  const fetchFirst = useCallback(async () => {
    try {
      setFirst(
        await api.listRuns({ entity: ref, limit, ...JSON.parse(filterKey) }),
      );
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }, [api, ref, limit, filterKey]);

  useEffect(() => {
    setLoading(true);
    setMorePages([]);
    setFirst(undefined);
    fetchFirst().finally(() => setLoading(false));
  }, [fetchFirst]);

  const lastPage = morePages[morePages.length - 1] ?? first;
  const [more, fetchMore] = useAsyncFn(async () => {
    if (!lastPage?.nextCursor) {
      return;
    }
    const page = await api.listRuns({
      entity: ref,
      limit,
      cursor: lastPage.nextCursor,
      ...JSON.parse(filterKey),
    });
    setMorePages(pages => [...pages, page]);
  }, [api, ref, limit, lastPage, filterKey]);

  // A refreshed newest page can overlap the older pages loaded before it: keep each run once.
  const runs = useMemo(() => {
    const byUid = new Map<string, PipelineRun>();
    for (const run of [first, ...morePages].flatMap(p => p?.items ?? [])) {
      if (!byUid.has(run.uid)) {
        byUid.set(run.uid, run);
      }
    }
    return [...byUid.values()];
  }, [first, morePages]);

  const active = runs.some(r => ACTIVE.includes(r.status));
  useEffect(() => {
    if (!active) {
      return undefined;
    }
    const timer = setInterval(fetchFirst, refreshMs);
    return () => clearInterval(timer);
  }, [active, fetchFirst, refreshMs]);

  const loadMore = useCallback(() => {
    fetchMore();
  }, [fetchMore]);
  const refresh = useCallback(() => {
    fetchFirst();
  }, [fetchFirst]);

  return {
    loading,
    error: error ?? more.error,
    runs,
    hasMore: Boolean(lastPage?.nextCursor),
    loadingMore: more.loading,
    loadMore,
    refresh,
  };
}
