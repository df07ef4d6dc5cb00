import { useEffect } from 'react';
import { create } from 'zustand';
import { refresh } from './http';

/**
 * Live updates by Server-Sent Events (docs/architecture.md: parents get live updates by SSE at
 * /api/events). Each event bumps a counter per topic; screens reload what they show when their
 * topic moves. The session cookie authenticates the stream (EventSource cannot send headers).
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
  useLive.setState((s) => {
    const versions = { ...s.versions };
    // A referral or notification usually means the application changed too.
    for (const t of [topic, 'application'] as Topic[]) if (t in versions) versions[t] += 1;
    return { versions };
  });
}

let source: EventSource | null = null;
let retry: ReturnType<typeof setTimeout> | undefined;

export function connectLive(): void {
  disconnectLive();
  source = new EventSource('/api/events');
  source.onopen = () => useLive.setState({ connected: true });
  source.onmessage = (e) => {
    try {
      const event = JSON.parse(e.data) as { type?: string };
      if (event.type) bump(event.type);
    } catch {
      // A malformed event is ignored; the next reload fetches the truth anyway.
    }
  };
  for (const type of ['notification', 'application', 'referral', 'bulletin']) {
    source.addEventListener(type, () => bump(type));
  }
  // The server ends the stream when the access cookie expires: refresh it and reconnect at once.
  source.addEventListener('expired', () => {
    disconnectLive();
    void refresh().then((ok) => ok && connectLive());
  });
  source.onerror = () => {
    useLive.setState({ connected: false });
    // The access cookie may have expired: refresh it and reconnect after a pause.
    disconnectLive();
    retry = setTimeout(() => void refresh().then((ok) => ok && connectLive()), 5000);
  };
}

export function disconnectLive(): void {
  clearTimeout(retry);
  source?.close();
  source = null;
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
