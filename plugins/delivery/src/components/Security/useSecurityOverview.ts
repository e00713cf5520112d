import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { SecurityGateVerdict } from '@slipway/plugin-delivery-common';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { deliveryApiRef } from '../../api';

/** What {@link useSecurityOverview} returns. */
export interface SecurityOverview {
  loading: boolean;
  error?: Error;
  /** The gate's verdict; kept while it is re-read. */
  gate?: SecurityGateVerdict;
  /** False when no report ever produced a finding for the entity (open, fixed or suppressed). */
  hasFindings?: boolean;
  /** Re-reads the verdict (e.g. after a suppression changed it). */
  reload: () => void;
}

/**
 * The current entity's security gate verdict, and whether it has any findings at all (one
 * finding of any status is asked for, since the verdict only counts open ones).
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
  return {
    loading: state.loading,
    error: state.error,
    gate: state.value?.gate,
    hasFindings: state.value?.hasFindings,
    reload: state.retry,
  };
}
