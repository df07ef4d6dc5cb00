/**
 * What the parent and supervisor pages share of the server's live updates (issue 15: one client
 * plumbing): a Server-Sent Events stream of our own origin read with fetch — which, unlike
 * EventSource, can also carry a bearer token (docs/stack.md) — parsed as the SSE format defines it,
 * and opened again after a pause when it ends or fails (a restart of the server, a lost network, an
 * expired session). Each app's live.ts says what an event means to its screens.
 */

export interface LiveEvent {
  /** The `event:` field; "message" when the server named none. */
  name: string;
  /** The `data:` lines joined by newlines. */
  data: string;
}

export interface LiveStreamOptions {
  url: string;
  /** Headers for each connection (a bearer token): read again on every reconnect. */
  headers?: () => Record<string, string>;
  onEvent: (event: LiveEvent) => void;
  onConnected?: (connected: boolean) => void;
  /**
   * Before connecting again after the stream ended or failed: false stops for good (the session is
   * gone). Called with the reason, so an app may refresh its session first.
   */
  beforeReconnect?: (why: 'ended' | 'failed') => Promise<boolean> | boolean;
  /** The pause before connecting again, ms (default 5 s). */
  retryMs?: number;
}

/**
 * Splits what arrived into whole events and the unfinished rest (the SSE format: events end with a
 * blank line; lines `field: value`; a line starting with ":" is a comment, as the server's heartbeats).
 */
export function parseLiveEvents(buffer: string): { events: LiveEvent[]; rest: string } {
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: LiveEvent[] = [];
  for (const block of blocks) {
    let name = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length || name !== 'message') events.push({ name, data: data.join('\n') });
  }
  return { events, rest };
}

/** Opens the stream and keeps it open until the returned function is called. */
export function openLiveStream(options: LiveStreamOptions): () => void {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const connect = async () => {
    let why: 'ended' | 'failed' = 'failed';
    try {
      const res = await fetch(options.url, {
        headers: { accept: 'text/event-stream', ...options.headers?.() },
        credentials: 'same-origin',
        signal: abort.signal,
      });
      if (!res.ok || !res.body) throw new Error(String(res.status));
      options.onConnected?.(true);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const parsed = parseLiveEvents(buffer + value);
        buffer = parsed.rest;
        for (const event of parsed.events) options.onEvent(event);
      }
      why = 'ended';
    } catch {
      // Closed by us, or the stream failed: decided below.
    }
    if (abort.signal.aborted) return;
    options.onConnected?.(false);
    timer = setTimeout(async () => {
      if (abort.signal.aborted) return;
      if ((await (options.beforeReconnect?.(why) ?? true)) && !abort.signal.aborted) void connect();
    }, options.retryMs ?? 5_000);
  };
  void connect();
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}
