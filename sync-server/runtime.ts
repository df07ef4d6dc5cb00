import type { Logger } from 'pino';
import type { RxDatabase } from 'rxdb';
import { postgresCoordination, setCoordination } from './actions';
import {
  ConsoleSmsGateway,
  DemoPersonRegistry,
  HttpSmsGateway,
  postgresRateStore,
  setRateStore,
} from './auth';
import type { PersonRegistry, ServerConfig, ServerContext, SmsGateway } from './context';
import { openDatabase } from './database';
import { createLiveEvents } from './live-events';
import { createLogger } from './logging';
import { prepareQueueCounts } from './queue-rank';
import { type StorageChoice, type StorageRequest, chooseStorage } from './storage-choice';

export interface RuntimeOptions {
  storage: StorageRequest;
  config: ServerConfig;
  /** Database name (tables are prefixed by it); 'oryn' by default. */
  name?: string;
  log?: Logger;
  now?: () => Date;
  sms?: SmsGateway;
  smsGatewayUrl?: string;
  people?: PersonRegistry;
}

export interface Runtime {
  ctx: ServerContext;
  storage: StorageChoice;
  close(): Promise<void>;
}

/**
 * Everything a server process holds, assembled once: the storage and database, the coordination of
 * action processing and the abuse limits across processes (advisory locks and a table on a real
 * PostgreSQL), and the context handed to every part (the clock, the logger, the SMS operator, the
 * person registry, live events).
 */
export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const log = options.log ?? createLogger();
  const storage = chooseStorage(options.storage);
  let db: RxDatabase;
  try {
    db = await openDatabase({ storage: storage.storage, name: options.name ?? 'oryn' });
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw error;
  }
  if (storage.kind === 'postgres' && storage.driver) {
    setCoordination(db, postgresCoordination(storage.driver));
    // The abuse limits too: one table for every process, so N processes do not multiply them.
    setRateStore(db, postgresRateStore(storage.driver));
    // Queue numbers count over a companion table a trigger keeps (queue-members.ts): made (and, on a
    // database that predates it, filled) now rather than by the first parent who asks. PGlite and
    // memory make theirs on first use.
    await prepareQueueCounts(db);
  }
  const sms =
    options.sms ??
    (options.smsGatewayUrl ? new HttpSmsGateway({ url: options.smsGatewayUrl }) : new ConsoleSmsGateway(log));
  const ctx: ServerContext = {
    db,
    now: options.now ?? (() => new Date()),
    log,
    sms,
    people: options.people ?? new DemoPersonRegistry(),
    events: createLiveEvents(),
    config: options.config,
  };
  return {
    ctx,
    storage,
    async close() {
      await db.destroy();
      await storage.close();
    },
  };
}
