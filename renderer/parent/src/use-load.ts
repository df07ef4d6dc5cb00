import { useLoad as useSharedLoad } from '../../ui/use-load';
import { isApiError, type Problem } from './problem';

export interface Loaded<T> {
  data: T | undefined;
  problem: Problem | null;
  loading: boolean;
  reload: () => void;
}

const toProblem = (e: unknown): Problem => (isApiError(e) ? e.problem : { code: 'serverError', status: 0 });

/**
 * Loads a screen's data and reloads it when `deps` change or `reload()` is called (live events
 * call it); the shared loader (renderer/ui/use-load.ts) with the refusal as the screens show it.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const { data, error, loading, reload } = useSharedLoad(load, deps, toProblem);
  return { data, problem: error, loading, reload };
}
