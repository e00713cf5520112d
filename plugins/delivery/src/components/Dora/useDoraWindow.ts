import { useMemo, useState } from 'react';
import { windowOf } from './doraFormat';
import { environmentParam } from './DoraControls';

/**
 * The window and environment chosen in a DORA view (default: last 30 days, production tier),
 * with the request fields they stand for. The window is fixed when chosen, so re-renders do
 * not move it.
 */
export function useDoraWindow(initialDays = 30) {
  const [days, setDays] = useState(initialDays);
  const [environment, setEnvironment] = useState('production');
  const range = useMemo(() => windowOf(days), [days]);
  return {
    days,
    setDays,
    environment,
    setEnvironment,
    from: range.from,
    to: range.to,
    environmentParam: environmentParam(environment),
  };
}
