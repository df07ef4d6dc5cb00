/**
 * One Server-Sent Events stream read as a client would (the parents' `/api/events`, replication
 * `pullStream`), with the upstream nginx says served it. `waitFor` resolves when an event's data
 * contains a string — ids are all a test needs to recognise its change.
 */
export interface LiveStream {
  /** `X-Oryn-Upstream` of the answer (host:port of the server process holding the stream). */
  upstream: string;
  /** Resolves with the time (performance.now()) of the first event whose data holds `needle`. */
  waitFor(needle: string, timeoutMs: number): Promise<number | undefined>;
  /** How many events (non-empty `data`) have arrived so far. */
  received(): number;
  close(): void;
}

export async function openLiveStream(url: string, token: string): Promise<LiveStream> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  if (!res.ok || !res.body) {
    controller.abort();
    throw new Error(`${url} answered ${res.status}`);
  }
  const received: { at: number; data: string }[] = [];
  const waiters = new Set<() => void>();
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          if (data) {
            received.push({ at: performance.now(), data });
            for (const w of waiters) w();
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // Aborted by close().
    }
  })();
  return {
    upstream: res.headers.get('x-oryn-upstream') ?? '?',
    waitFor(needle, timeoutMs) {
      const found = () => received.find((e) => e.data.includes(needle))?.at;
      return new Promise((done) => {
        const now = found();
        if (now !== undefined) return done(now);
        const timer = setTimeout(() => {
          waiters.delete(check);
          done(undefined);
        }, timeoutMs);
        const check = () => {
          const at = found();
          if (at === undefined) return;
          clearTimeout(timer);
          waiters.delete(check);
          done(at);
        };
        waiters.add(check);
      });
    },
    received: () => received.length,
    close: () => controller.abort(),
  };
}
