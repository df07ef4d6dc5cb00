import { useEffect, useState } from 'react';
import { authHeaders } from './http';

/**
 * Live updates (issue 8): the pages listen to /api/supervisor/live (Server-Sent Events) and refetch
 * when a staff action or a supervisor change of the region arrives. Read with fetch rather than
 * EventSource, which cannot send the bearer token (docs/stack.md). Reconnects after a pause when the
 * stream drops (a restart of the server, a lost network).
 */
export interface LiveState {
  /** Bumped on every change: pages put it in their load dependencies. */
  version: number;
  connected: boolean;
}

function parseEvents(buffer: string): { events: string[]; rest: string } {
  const parts = buffer.split('\n\n');
  const rest = parts.pop() ?? '';
  const events = parts.flatMap((block) => {
    const name = /^event: (.+)$/m.exec(block)?.[1];
    return name ? [name] : [];
  });
  return { events, rest };
}

export function useLiveUpdates(enabled: boolean): LiveState {
  const [state, setState] = useState<LiveState>({ version: 0, connected: false });
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const bump = () => {
      // Several actions arrive together after a workstation syncs: refetch once for the burst.
      if (pending) return;
      pending = setTimeout(() => {
        pending = undefined;
        setState((s) => ({ ...s, version: s.version + 1 }));
      }, 300);
    };
    const connect = async () => {
      try {
        const res = await fetch('/api/supervisor/live', {
          headers: { accept: 'text/event-stream', ...authHeaders() },
          credentials: 'same-origin',
          signal: abort.signal,
        });
        if (!res.ok || !res.body) throw new Error(String(res.status));
        setState((s) => ({ ...s, connected: true }));
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parsed = parseEvents(buffer + value);
          buffer = parsed.rest;
          if (parsed.events.includes('change')) bump();
        }
      } catch {
        // Aborted on unmount, or the stream failed: fall through to the reconnect below.
      }
      if (abort.signal.aborted) return;
      setState((s) => ({ ...s, connected: false }));
      timer = setTimeout(connect, 5_000);
    };
    void connect();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
      if (pending) clearTimeout(pending);
    };
  }, [enabled]);
  return state;
}
