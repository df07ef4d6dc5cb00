import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { DemoPersonRegistry } from '../../sync-server/auth';
import type { ServerConfig, ServerContext, SmsGateway } from '../../sync-server/context';
import { openDatabase } from '../../sync-server/database';
import { bridgeChangesToEvents, createLiveEvents } from '../../sync-server/live-events';
import { createLogger } from '../../sync-server/logging';
import { chooseStorage } from '../../sync-server/storage-choice';

/** The SMS operator is the one boundary tests replace (preamble): it records what would be sent. */
export class RecordingSms implements SmsGateway {
  readonly sent: { to: string; text: string }[] = [];
  async send(to: string, text: string): Promise<void> {
    this.sent.push({ to, text });
  }
  lastCode(to: string): string {
    const text = [...this.sent].reverse().find((m) => m.to === to)?.text ?? '';
    const code = /\b\d{6}\b/.exec(text)?.[0];
    if (!code) throw new Error(`no code sent to ${to}`);
    return code;
  }
}

/** A settable clock: tests move time instead of waiting. */
export class TestClock {
  private ms: number;
  constructor(start: string) {
    this.ms = Date.parse(start);
  }
  now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }
}

export interface TestContext extends ServerContext {
  clock: TestClock;
  smsBox: RecordingSms;
  logLines: string[];
  /** Stops the database-change → live-event bridge and closes the database. */
  close(): Promise<void>;
}

/**
 * A real ServerContext on rxdb's memory storage or PGlite (every collection, schema-validated writes). The log
 * is captured so tests can check that no IIN, phone or code is printed in full.
 */
export async function createTestContext(
  start = '2026-03-19T10:00:00+05:00',
  config: Partial<ServerConfig> = {},
  storageKind: 'memory' | 'pglite' = 'memory',
): Promise<TestContext> {
  const clock = new TestClock(start);
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const smsBox = new RecordingSms();
  // PGlite in memory is the real PostgreSQL storage the server runs on by default; the memory storage is quicker.
  const storage = chooseStorage(
    storageKind === 'pglite' ? { kind: 'pglite', dataDir: 'memory://' } : { kind: 'memory' },
  );
  const db = await openDatabase({ storage: storage.storage, name: `test${randomUUID().replace(/-/g, '')}` });
  const events = createLiveEvents();
  // As in every server process: database changes become live events for SSE streams.
  const stopBridge = bridgeChangesToEvents(db, events);
  return {
    db,
    now: clock.now,
    log: createLogger({ level: 'debug', destination }),
    sms: smsBox,
    people: new DemoPersonRegistry(),
    events,
    config: { tokenSecret: 'test-secret-0123456789abcdef', publicUrl: 'http://127.0.0.1', ...config },
    clock,
    smsBox,
    logLines,
    async close() {
      stopBridge();
      await db.destroy();
      await storage.close();
    },
  };
}
