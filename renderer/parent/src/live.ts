import { useEffect } from 'react';
import { create } from 'zustand';
import { openLiveStream } from '../../ui/live';
import { refresh } from './http';

/**
 * Live updates by Server-Sent Events (docs/architecture.md: parents get live updates by SSE at
 * /api/events). Each event bumps a counter per topic; screens reload what they show when their
 * topic moves. The session cookie authenticates the stream; the stream itself is the pages' shared
 * one (renderer/ui/live.ts).
 */
type Topic = 'notification' | 'application' | 'referral' | 'bulletin';

interface LiveState {
  versions: Record<Topic, number>;
  connected: boolean;
}

export const useLive = create<LiveState>(() => ({
  versions: { notification: 0, application: 0, referral: 0, bulletin: 0 },
  connected: false,
}));

function bump(topic: string) {
  if (!(topic in useLive.getState().versions)) return;
  useLive.setState((s) => {
    const versions = { ...s.versions };
    // A referral or notification usually means the application changed too.
    for (const t of [topic, 'application'] as Topic[]) if (t in versions) versions[t] += 1;
    return { versions };
  });
}

let stop: (() => void) | null = null;

export function connectLive(): void {
  disconnectLive();
  stop = openLiveStream({
    url: '/api/events',
    onConnected: (connected) => useLive.setState({ connected }),
    onEvent: ({ name, data }) => {
      // The server ends the stream when the access cookie expires: refresh it and reconnect at once.
      if (name === 'expired') {
        disconnectLive();
        void refresh().then((ok) => ok && connectLive());
      } else if (name === 'message') {
        try {
          const event = JSON.parse(data) as { type?: string };
          if (event.type) bump(event.type);
        } catch {
          // A malformed event is ignored; the next reload fetches the truth anyway.
        }
      } else bump(name);
    },
    // The stream failed or ended: the access cookie may have expired, refresh it before reconnecting.
    beforeReconnect: () => refresh(),
  });
}

export function disconnectLive(): void {
  stop?.();
  stop = null;
}

/** The version of one topic: put it in a screen's load dependencies to reload on live events. */
export function useLiveVersion(topic: Topic): number {
  return useLive((s) => s.versions[topic]);
}

export function useLiveConnection(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    connectLive();
    return disconnectLive;
  }, [active]);
}
