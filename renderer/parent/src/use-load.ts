import { useCallback, useEffect, useRef, useState } from 'react';
import type { Problem } from './problem';
import { isApiError } from './problem';

export interface Loaded<T> {
  data: T | undefined;
  problem: Problem | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads a screen's data and reloads it when `deps` change or `reload()` is called (live events
 * call it). A stale answer never overwrites a newer one.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; problem: Problem | null; loading: boolean }>({
    problem: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names the dependencies
  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === seq.current && setState({ data, problem: null, loading: false }),
      (e: unknown) =>
        mine === seq.current &&
        setState((s) => ({
          ...s,
          problem: isApiError(e) ? e.problem : { code: 'serverError', status: 0 },
          loading: false,
        })),
    );
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, problem: state.problem, loading: state.loading, reload };
}
