import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T, E> {
  /** The last data loaded: kept while the next load runs or after it fails, so a page never blanks. */
  data: T | undefined;
  /** Why the last load failed; null after a success. */
  error: E | null;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads a page's data, and again when `deps` change (a filter, a live version) or `reload()` is called.
 * A stale answer never overwrites a newer one. `toError` turns a rejection into what the page shows.
 * Shared by the parent and supervisor pages (issue 15).
 */
export function useLoad<T, E = unknown>(
  load: () => Promise<T>,
  deps: DependencyList,
  toError: (e: unknown) => E = (e) => e as E,
): Loaded<T, E> {
  const [state, setState] = useState<{ data?: T; error: E | null; loading: boolean }>({
    error: null,
    loading: true,
  });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller names the dependencies
  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === seq.current && setState({ data, error: null, loading: false }),
      (e: unknown) => mine === seq.current && setState((s) => ({ ...s, error: toError(e), loading: false })),
    );
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
