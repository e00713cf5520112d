import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * The run the `?run=<uid>` query parameter opens in the run drawer, and a setter: opening a run
 * adds a history entry (so Back closes it), closing replaces the current one.
 */
export function useOpenRunParam(): [string | null, (uid?: string) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const setOpenRun = useCallback(
    (uid?: string) =>
      setSearchParams(
        params => {
          if (uid) params.set('run', uid);
          else params.delete('run');
          return params;
        },
        { replace: !uid },
      ),
    [setSearchParams],
  );
  return [searchParams.get('run'), setOpenRun];
}
