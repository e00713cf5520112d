import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  FindingTrendPoint,
  SecurityGateVerdict,
} from '@slipway/plugin-delivery-common';
import { useCallback, useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deliveryApiRef } from '../../api';

/** Days of history in the trend of open findings. */
export const TREND_DAYS = 90;

/** What {@link useSecurityOverview} returns. */
export interface SecurityOverview {
  loading: boolean;
  error?: Error;
  /** The gate's verdict; kept while it is re-read. */
  gate?: SecurityGateVerdict;
  /** False when no report ever produced a finding for the entity (open, fixed or suppressed). */
  hasFindings?: boolean;
  /**
   * Open findings per day over the last {@link TREND_DAYS} days, oldest first; undefined while
   * read or when it could not be read (the trend is an extra: its failure is not an error).
   */
  trend?: FindingTrendPoint[];
  /** Re-reads the verdict and the trend (e.g. after a suppression changed them). */
  reload: () => void;
}

/**
 * The current entity's security gate verdict, and whether it has any findings at all (one
 * finding of any status is asked for, since the verdict only counts open ones); and, read
 * alongside without holding them up, the trend of its open findings.
 */
export function useSecurityOverview(): SecurityOverview {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  const ref = useMemo(() => getCompoundEntityRef(entity), [entity]);
  const state = useAsyncRetry(async () => {
    const [gate, any] = await Promise.all([
      api.getSecurityGate(ref),
      api.listFindings({ entity: ref, limit: 1 }),
    ]);
    return { gate, hasFindings: any.items.length > 0 };
  }, [api, ref]);
  const trend = useAsyncRetry(
    async () => (await api.getFindingsTrend(ref, TREND_DAYS)).points,
    [api, ref],
  );
  const retryGate = state.retry;
  const retryTrend = trend.retry;
  const reload = useCallback(() => {
    retryGate();
    retryTrend();
  }, [retryGate, retryTrend]);
  return {
    loading: state.loading,
    error: state.error,
    gate: state.value?.gate,
    hasFindings: state.value?.hasFindings,
    trend: trend.error ? undefined : trend.value,
    reload,
  };
}
