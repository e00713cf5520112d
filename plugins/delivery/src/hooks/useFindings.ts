import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Finding,
  FindingPage,
  FindingSeverity,
  FindingStatus,
} from '@slipway/plugin-delivery-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { deliveryApiRef } from '../api';

/**
 * Server-side filters of the findings list.
 *
 * @public
 */
export interface FindingFilter {
  /** Lifecycle states to list; {@link DEFAULT_FINDING_STATUS} when left out. */
  status?: FindingStatus[];
  severity?: FindingSeverity[];
  /** Exact tool (scan scope) name, e.g. `trivy-image`. */
  tool?: string;
}

/**
 * The statuses listed when a {@link FindingFilter} names none: findings that still need work.
 *
 * @public
 */
export const DEFAULT_FINDING_STATUS: readonly FindingStatus[] = [
  'open',
  'reopened',
];

/**
 * True when the filter narrows the list beyond the default (open and reopened findings).
 *
 * @public
 */
export function isFindingFilterSet(filter: FindingFilter): boolean {
  return Boolean(filter.status || filter.severity?.length || filter.tool);
}

/**
 * What {@link useFindings} returns.
 *
 * @public
 */
export interface FindingsState {
  /** True while the first page for the current filter is read. */
  loading: boolean;
  error?: Error;
  /** Every loaded finding, most severe first. */
  findings: Finding[];
  hasMore: boolean;
  loadingMore: boolean;
  /** Reads the next page after the loaded ones. */
  loadMore: () => void;
  /** Re-reads everything loaded so far (e.g. after a suppression), keeping it on screen meanwhile. */
  reload: () => void;
}

/** The backend answers at most this many findings per page. */
const MAX_LIMIT = 500;

/**
 * The current entity's findings, most severe first, filtered on the server and read `limit` at a
 * time; {@link FindingsState.loadMore} follows the cursor. Answers that arrive after the filter
 * changed again are dropped.
 *
 * @public
 */
export function useFindings(
  filter: FindingFilter = {},
  limit = 50,
): FindingsState {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const ref = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const filterKey = JSON.stringify(filter);
  const [pages, setPages] = useState<FindingPage[]>([]);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<Error>();
  // Bumped whenever the list is replaced, so late answers to older requests are ignored.
  const generation = useRef(0);

  const query = useMemo(() => {
    const parsed = JSON.parse(filterKey) as FindingFilter;
    return {
      entity: ref,
      status: parsed.status ?? [...DEFAULT_FINDING_STATUS],
      severity: parsed.severity?.length ? parsed.severity : undefined,
      tool: parsed.tool || undefined,
    };
  }, [ref, filterKey]);

  const readFirst = useCallback(
    async (count: number) => {
      const current = ++generation.current;
      try {
        const page = await api.listFindings({ ...query, limit: count });
        if (current === generation.current) {
          setPages([page]);
          setError(undefined);
        }
      } catch (e) {
        if (current === generation.current) {
          setError(e instanceof Error ? e : new Error(String(e)));
        }
      } finally {
        if (current === generation.current) {
          setLoading(false);
          setLoadingMore(false);
        }
      }
    },
    [api, query],
  );

  useEffect(() => {
    setLoading(true);
    setPages([]);
    readFirst(limit);
  }, [readFirst, limit]);

  const findings = useMemo(() => pages.flatMap(p => p.items), [pages]);
  const nextCursor = pages[pages.length - 1]?.nextCursor;

  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore) {
      return;
    }
    const current = generation.current;
    setLoadingMore(true);
    api
      .listFindings({ ...query, limit, cursor: nextCursor })
      .then(page => {
        if (current === generation.current) {
          setPages(loaded => [...loaded, page]);
        }
      })
      .catch(e => {
        if (current === generation.current) {
          setError(e instanceof Error ? e : new Error(String(e)));
        }
      })
      .finally(() => {
        if (current === generation.current) {
          setLoadingMore(false);
        }
      });
  }, [api, query, limit, nextCursor, loadingMore]);

  const loadedCount = findings.length;
  const reload = useCallback(() => {
    // One request for everything already on screen, so older pages the user loaded stay.
    readFirst(Math.min(MAX_LIMIT, Math.max(limit, loadedCount)));
  }, [readFirst, limit, loadedCount]);

  return {
    loading,
    error,
    findings,
    hasMore: Boolean(nextCursor),
    loadingMore,
    loadMore,
    reload,
  };
}
