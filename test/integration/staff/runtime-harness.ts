import { once } from 'node:events';
import { type AddressInfo, createServer, type Server, Socket } from 'node:net';
import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createBrowserHost } from '../../../renderer/staff/host/browser-host';
import type { ReplicaDocName, ReplicaDocs, StaffSession, SyncProblem } from '../../../renderer/staff/state';
import type { AttachedFile, StaffPorts } from '../../../renderer/staff/workspace';
import type { SyncStatus } from '../../../renderer/staff/workspace/ports';
import { callAt, type TestApi } from '../api/harness';
import { memoryStorage } from '../../unit/staff/memory-storage';
import type { TestClock } from '../../support/test-context';

// What a staff runtime test drives: the workstation's ports over a real sync server on loopback. The
// network is a real TCP hop that can be cut (connections refused mid-stream, as when the cable is
// pulled), the clock is the server's own test clock, and the timers run when the test says.

/** A loopback TCP relay in front of the server; `cut()` drops every connection and refuses new ones. */
export class Cable {
  private readonly relay: Server;
  private readonly sockets = new Set<Socket>();
  private connected = true;

  private constructor(target: number) {
    this.relay = createServer((client) => {
      if (!this.connected) return client.destroy();
      const upstream = new Socket().connect(target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
  }

  static async to(target: number): Promise<{ cable: Cable; url: string }> {
    const cable = new Cable(target);
    cable.relay.listen(0, '127.0.0.1');
    await once(cable.relay, 'listening');
    return { cable, url: `http://127.0.0.1:${(cable.relay.address() as AddressInfo).port}` };
  }

  cut(): void {
    this.connected = false;
    for (const s of this.sockets) s.destroy();
  }

  plug(): void {
    this.connected = true;
  }

  async close(): Promise<void> {
    this.cut();
    this.relay.close();
  }
}

interface Timer {
  due: number;
  run: () => void;
  every?: number;
}

/** The server's test clock, and the workstation's timers on it: nothing fires until `advance`. */
export class TestTime {
  private timers = new Set<Timer>();
  constructor(readonly clock: TestClock) {}

  now = (): Date => this.clock.now();

  after = (ms: number, run: () => void) => this.add({ due: this.clock.now().getTime() + ms, run });
  every = (ms: number, run: () => void) => this.add({ due: this.clock.now().getTime() + ms, run, every: ms });

  private add(timer: Timer): () => void {
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** Delays of the one-shot timers waiting now, from now (ms). */
  waiting(): number[] {
    const now = this.clock.now().getTime();
    return [...this.timers].filter((t) => t.every === undefined).map((t) => t.due - now);
  }

  /** Moves the clock by `ms`, running every timer that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.clock.now().getTime() + ms;
    for (;;) {
      const next = [...this.timers].filter((t) => t.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.clock.set(new Date(Math.max(next.due, this.clock.now().getTime())).toISOString());
      if (next.every) next.due += next.every;
      else this.timers.delete(next);
      next.run();
    }
    this.clock.set(new Date(end).toISOString());
  }
}

/** What the system says about the network; `set` fires the window's online/offline event. */
export class TestNetwork {
  private listeners = new Set<(online: boolean) => void>();
  constructor(private state = true) {}
  online = () => this.state;
  watch = (listener: (online: boolean) => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(online: boolean): void {
    this.state = online;
    for (const l of this.listeners) l(online);
  }
}

/** The screens' side of the ports, as plain state a test reads. */
export class TestView {
  docs: Partial<ReplicaDocs> = {};
  files: AttachedFile[] = [];
  session: StaffSession | null = null;
  sync: SyncStatus = { online: true, active: false, lastSyncAt: null, problem: null };
  problems: SyncProblem[] = [];
}

/** One workstation: its storages persist across logins (as the browser profile does). */
export class Workstation {
  readonly local = memoryStorage();
  readonly sessionStorage = memoryStorage();
  constructor(readonly replicaStorage: RxStorage<unknown, unknown> = getRxStorageMemory()) {}
  readonly host = createBrowserHost({ origin: 'http://127.0.0.1' } as Location, this.local, () => null);

  ports(view: TestView, options: { time: TestTime; network: TestNetwork; fetch: typeof fetch }): StaffPorts {
    return {
      now: options.time.now,
      session: {
        current: () => view.session,
        setTokens: (tokens) => {
          if (view.session) view.session = { ...view.session, ...tokens, offline: false };
        },
      },
      sync: {
        get: () => view.sync,
        setOnline: (online) => {
          view.sync = { ...view.sync, online };
        },
        setActive: (active) => {
          view.sync = { ...view.sync, active };
        },
        setLastSyncAt: (lastSyncAt) => {
          view.sync = { ...view.sync, lastSyncAt };
        },
        setProblem: (problem) => {
          view.sync = { ...view.sync, problem };
          view.problems.push(problem);
        },
      },
      view: {
        replace: <C extends ReplicaDocName>(collection: C, docs: ReplicaDocs[C]) => {
          view.docs = { ...view.docs, [collection]: docs };
        },
        files: (files) => {
          view.files = files;
        },
        reset: () => {
          view.docs = {};
          view.files = [];
        },
      },
      storage: {
        local: this.local,
        session: this.sessionStorage,
        replica: this.replicaStorage as never,
      },
      fetch: options.fetch,
      network: { online: options.network.online, watch: options.network.watch },
      timers: { after: options.time.after, every: options.time.every },
    };
  }
}

/** Waits for `condition` (checked every 20 ms), failing with `what` after `ms`. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 45_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The api harness's `call`, against a server started elsewhere. */
export function apiAt(ctx: TestApi['ctx'], base: string): TestApi {
  return { ctx, base, call: callAt(base), async close() {} };
}
