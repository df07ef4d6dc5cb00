import { createContext, useContext } from 'react';
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

export function useRuntime(): StaffRuntime {
  const { runtime } = useStaffContext();
  if (!runtime) throw new Error('no running workspace');
  return runtime;
}
