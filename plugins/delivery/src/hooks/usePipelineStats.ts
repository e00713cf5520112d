import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { deliveryApiRef } from '../api';

/** The current entity's per-pipeline statistics over the last `days`, with a weekly series. */
export function usePipelineStats(days: number) {
  const { entity } = useEntity();
  const api = useApi(deliveryApiRef);
  return useAsync(
    () => api.getPipelineStats(getCompoundEntityRef(entity), days, 'week'),
    [api, entity, days],
  );
}
