/**
 * An EventSource that sends headers, over fetch. The browser's own EventSource cannot send an
 * Authorization header, so rxdb-server's pullStream answers 401 and live pull dies silently
 * (docs/stack.md). rxdb-server's client constructs `new eventSource(url, { headers })` and uses onopen,
 * onmessage, onerror (with `status` for 401) and close(); that is all this implements. After a broken
 * stream it reconnects by itself, as the native EventSource does.
 */
export interface HeaderEventSourceInit {
  headers?: Record<string, string>;
  withCredentials?: boolean;
}

type Listener<E> = ((event: E) => void) | null;

export class HeaderEventSource {
  static reconnectMs = 3_000;
  onopen: Listener<Event> = null;
  onmessage: Listener<MessageEvent<string>> = null;
  onerror: Listener<Event & { status?: number }> = null;
  readyState = 0;
  private readonly controller = new AbortController();
  private closed = false;

  constructor(
    readonly url: string,
    private readonly init: HeaderEventSourceInit = {},
  ) {
    void this.connect();
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
    this.controller.abort();
  }

  private fail(status?: number): void {
    if (this.closed) return;
    this.readyState = 0;
    const event = Object.assign(new Event('error'), status === undefined ? {} : { status });
    this.onerror?.(event);
    // A 401 is the client's to handle (it closes us and builds a new one with fresh headers).
    if (!this.closed && status !== 401) setTimeout(() => void this.connect(), HeaderEventSource.reconnectMs);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    let response: Response;
    try {
      response = await fetch(this.url, {
        headers: { Accept: 'text/event-stream', ...this.init.headers },
        // The token travels in the header. rxdb-server's client asks for `withCredentials`, but cookies
        // with the server's `Access-Control-Allow-Origin: *` would fail CORS from the desktop's app://.
        credentials: 'omit',
        cache: 'no-store',
        signal: this.controller.signal,
      });
    } catch {
      this.fail();
      return;
    }
    if (!response.ok || !response.body) {
      this.fail(response.status);
      return;
    }
    this.readyState = 1;
    this.onopen?.(new Event('open'));
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let data: string[] = [];
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split(/\r\n|\r|\n/);
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (line === '') {
            if (data.length > 0) this.onmessage?.(new MessageEvent('message', { data: data.join('\n') }));
            data = [];
          } else if (line.startsWith('data:')) {
            data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
          }
          // `event:`, `id:`, `retry:` and comments (`:`) are not used by rxdb-server.
        }
      }
    } catch {
      // aborted by close() or the connection dropped
    }
    this.fail();
  }
}
