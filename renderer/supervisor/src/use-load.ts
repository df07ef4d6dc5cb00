import type { DependencyList } from 'react';
import { useLoad as useSharedLoad } from '../../ui/use-load';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

/**
 * Loads data for a page and loads it again when a dependency changes (a filter, or the live version
 * after a staff action): the shared loader (renderer/ui/use-load.ts), which keeps the previous data on
 * screen while the next load runs, so a live update never blanks the page.
 */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> & { reload: () => void } {
  const { data, error, loading, reload } = useSharedLoad(load, deps);
  return { data: data ?? null, error, loading, reload };
}
