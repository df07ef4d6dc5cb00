import { createContext, useCallback, useContext } from 'react';
import type { OrynHost } from './host';
import type { StaffRuntime } from './workspace';

/** The host (Electron bridge or browser adapter) and, once logged in, the running workspace. */
export interface StaffContext {
  host: OrynHost;
  runtime: StaffRuntime | null;
}

export const StaffContextValue = createContext<StaffContext | null>(null);

export function useStaffContext(): StaffContext {
  const value = useContext(StaffContextValue);
  if (!value) throw new Error('StaffContextValue is not provided');
  return value;
}

/**
 * The workspace's clock (StaffPorts.now), the one the runtime stamps actions with; the system's before
 * login. Screens read the time only through this. The same function while the runtime is.
 */
export function useClock(): () => Date {
  const { runtime } = useStaffContext();
  return useCallback(() => (runtime ? runtime.now() : new Date()), [runtime]);
}

export function useRuntime(): StaffRuntime {
  const { runtime } = useStaffContext();
  if (!runtime) throw new Error('no running workspace');
  return runtime;
}
