import { useEffect, useState } from 'react';
import { openLiveStream } from '../../ui/live';
import { authHeaders } from './http';

/**
 * Live updates (issue 8): the pages listen to /api/supervisor/live (Server-Sent Events) and refetch
 * when a staff action or a supervisor change of the region arrives, over the pages' shared stream
 * (renderer/ui/live.ts: fetch, which can send the bearer token; reconnects after a pause).
 */
export interface LiveState {
  /** Bumped on every change: pages put it in their load dependencies. */
  version: number;
  connected: boolean;
}

export function useLiveUpdates(enabled: boolean): LiveState {
  const [state, setState] = useState<LiveState>({ version: 0, connected: false });
  useEffect(() => {
    if (!enabled) return;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const bump = () => {
      // Several actions arrive together after a workstation syncs: refetch once for the burst.
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        setState((s) => ({ ...s, version: s.version + 1 }));
      }, 300);
    };
    const stop = openLiveStream({
      url: '/api/supervisor/live',
      headers: authHeaders,
      onConnected: (connected) => setState((s) => ({ ...s, connected })),
      onEvent: (event) => {
        if (event.name === 'change') bump();
      },
    });
    return () => {
      stop();
      if (pending) clearTimeout(pending);
    };
  }, [enabled]);
  return state;
}
