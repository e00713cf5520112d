import { useCallback, useEffect, useRef, useState } from 'react';

/** What {@link useRefreshableValue} returns. */
export interface RefreshableValue<T> {
  /** True until the first load of the current loader settles. */
  loading: boolean;
  /** The latest value; kept while a later refresh fails. */
  value?: T;
  /** The error of the latest attempt, cleared by the next success. */
  error?: Error;
  /** Fetches again in the background unless a fetch is already under way (for polling). */
  refresh: () => void;
  /** Fetches again in the background even if a fetch is under way (after a change). */
  reload: () => void;
}

interface State<T> {
  loading: boolean;
  value?: T;
  error?: Error;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Loads a value with `load` and lets the caller fetch it again without going back to the
 * loading state. A new `load` function (memoise it) starts over; answers to an earlier
 * loader, or arriving after unmount, are dropped. `load` undefined means nothing to load.
 */
export function useRefreshableValue<T>(
  load: (() => Promise<T>) | undefined,
): RefreshableValue<T> {
  const [state, setState] = useState<State<T>>({
    loading: load !== undefined,
  });
  const loader = useRef(load);
  const generation = useRef(0);
  const busy = useRef(false);

  const fetchValue = useCallback(async (force: boolean) => {
    const current = loader.current;
    if (!current || (busy.current && !force)) {
      return;
    }
    const started = generation.current;
    busy.current = true;
    try {
      const value = await current();
      if (started === generation.current) {
        setState({ loading: false, value });
      }
    } catch (error) {
      if (started === generation.current) {
        setState(previous => ({
          loading: false,
          value: previous.value,
          error: toError(error),
        }));
      }
    } finally {
      if (started === generation.current) {
        busy.current = false;
      }
    }
  }, []);

  useEffect(() => {
    generation.current += 1;
    busy.current = false;
    loader.current = load;
    setState({ loading: load !== undefined });
    fetchValue(true);
    return () => {
      generation.current += 1;
      busy.current = false;
    };
  }, [load, fetchValue]);

  const refresh = useCallback(() => {
    fetchValue(false);
  }, [fetchValue]);
  const reload = useCallback(() => {
    fetchValue(true);
  }, [fetchValue]);

  return { ...state, refresh, reload };
}
