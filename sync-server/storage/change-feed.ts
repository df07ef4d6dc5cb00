import { Subject } from 'rxjs';
import type { EventBulk, RxDocumentData, RxStorageChangeEvent, RxStorageDefaultCheckpoint } from 'rxdb';
import type { SqlDriver } from './driver';
import { CHANGES_CHANNEL } from './table-layout';

export type ChangeBulk = EventBulk<RxStorageChangeEvent<RxDocumentData<unknown>>, RxStorageDefaultCheckpoint>;

/**
 * What a bulkWrite announces with NOTIFY: who wrote (the driver id, so a process skips its own writes,
 * which it already emitted in-process), which table, and the lwt range of the commit. The payload stays
 * a few dozen bytes whatever the size of the write (NOTIFY refuses more than 8,000 bytes); the listener
 * reads the documents back. Writes to one table are serialised and each commit's lwts lie strictly above
 * every earlier commit's (see rx-storage-instance-postgres.ts), so a range names exactly one commit.
 */
export interface ChangeNotice {
  d: string;
  t: string;
  lo: number;
  hi: number;
}

/** A commit's (or a gap's) range of commit lwts, both ends included. */
export type LwtRange = readonly [lo: number, hi: number];

/**
 * Reads remote commits' documents back, given their lwt ranges (ascending, not overlapping), as one
 * event bulk in commit order (or none).
 */
export type RemoteReader = (ranges: readonly LwtRange[]) => Promise<ChangeBulk | undefined>;

interface TableFeed {
  subject: Subject<ChangeBulk>;
  users: number;
  /** None for a table whose writes stay in their process (`remoteChanges: 'none'`). */
  reader: RemoteReader | undefined;
  /**
   * Remote commits announced and not yet read. They are read in the order PostgreSQL delivered them,
   * and every notice that arrived while a read was under way goes into the next read together: one
   * round trip per busy moment instead of one per commit.
   */
  waiting: LwtRange[];
  /** The read under way (and the ones it chains), settled once `waiting` is empty. */
  queue: Promise<void>;
  reading: boolean;
  /** This process's writes to the table, one at a time (see `serialize`). */
  writes: Promise<unknown>;
  /** The highest lwt this process has emitted for the table, its own commits and others' alike. */
  position: number;
  /** Where `position` stood when the LISTEN connection was lost, until the catch-up is queued. */
  gapFrom?: number;
}

/** Above every lwt rxdb can produce (its schema's maximum for `_meta.lwt`). */
const LWT_MAX = 1_000_000_000_000_000;

/**
 * One per driver: the in-process subject of each table (every instance of one table in this process
 * shares it, as rxdb's memory storage shares its state) and the single LISTEN that feeds it writes
 * made by other processes.
 */
export class ChangeFeed {
  private readonly tables = new Map<string, TableFeed>();
  private stopListening: Promise<() => Promise<void>> | undefined;

  constructor(private readonly driver: SqlDriver) {}

  /** `reader` undefined: other processes' writes to this table are not read back (see RemoteReader). */
  async join(table: string, reader: RemoteReader | undefined): Promise<Subject<ChangeBulk>> {
    let feed = this.tables.get(table);
    if (!feed) {
      feed = {
        subject: new Subject(),
        users: 0,
        reader,
        waiting: [],
        queue: Promise.resolve(),
        reading: false,
        writes: Promise.resolve(),
        position: 0,
      };
      this.tables.set(table, feed);
    }
    feed.reader ??= reader;
    feed.users++;
    this.stopListening ??= this.driver.listen(CHANGES_CHANNEL, (payload) => this.onNotice(payload), {
      lost: () => {
        for (const feed of this.tables.values()) feed.gapFrom ??= feed.position;
      },
      resumed: () => this.catchUp(),
    });
    await this.stopListening;
    return feed.subject;
  }

  leave(table: string): void {
    const feed = this.tables.get(table);
    if (!feed) return;
    feed.users--;
    if (feed.users <= 0) {
      this.tables.delete(table);
      feed.subject.complete();
    }
  }

  /**
   * Runs this process's writes to one table one after another, commit and change event together. The
   * database lock already orders commits; this also orders the events, so a live puller never gets a
   * later commit's checkpoint before an earlier commit's documents.
   */
  serialize<T>(table: string, write: () => Promise<T>): Promise<T> {
    const feed = this.tables.get(table);
    if (!feed) return write();
    const result = feed.writes.then(write, write);
    feed.writes = result.catch(() => {});
    return result;
  }

  /** Records a commit this process made and emitted (its notice is ignored when it comes back). */
  committed(table: string, hi: number): void {
    const feed = this.tables.get(table);
    if (feed && hi > feed.position) feed.position = hi;
  }

  /**
   * After the LISTEN connection came back, reads every table from where it stood when the connection
   * was lost: commits announced in between reach the changeStream after all. Commits this process made
   * during the gap are emitted a second time; rxdb takes a repeated event of one revision in its stride,
   * while a missed one would leave a live puller behind.
   */
  private catchUp(): void {
    for (const feed of this.tables.values()) {
      if (feed.gapFrom === undefined) continue;
      const from = Number.parseFloat((feed.gapFrom + 0.01).toFixed(2));
      feed.gapFrom = undefined;
      this.enqueue(feed, from, LWT_MAX);
    }
  }

  /** The payload this process sends for a commit on `table`. */
  notice(table: string, lo: number, hi: number): string {
    const notice: ChangeNotice = { d: this.driver.id, t: table, lo, hi };
    return JSON.stringify(notice);
  }

  /** Completes after every remote commit received so far has been emitted (tests and shutdown). */
  async settled(table: string): Promise<void> {
    await this.tables.get(table)?.queue;
  }

  /** Round trips spent reading remote commits back, and the commits they carried (tests, benches). */
  readonly reads = { trips: 0, commits: 0 };

  private onNotice(payload: string): void {
    let notice: ChangeNotice;
    try {
      notice = JSON.parse(payload) as ChangeNotice;
    } catch {
      return;
    }
    if (notice.d === this.driver.id) return;
    const feed = this.tables.get(notice.t);
    if (!feed) return;
    this.enqueue(feed, notice.lo, notice.hi);
  }

  private enqueue(feed: TableFeed, lo: number, hi: number): void {
    if (!feed.reader) return;
    feed.waiting.push([lo, hi]);
    if (feed.reading) return;
    feed.reading = true;
    feed.queue = this.drain(feed, feed.reader);
  }

  /** Reads what is waiting, all of it at once, until nothing is; emits each read as one bulk. */
  private async drain(feed: TableFeed, reader: RemoteReader): Promise<void> {
    try {
      while (feed.waiting.length > 0 && !this.driver.closed) {
        const ranges = mergeRanges(feed.waiting);
        this.reads.trips++;
        this.reads.commits += feed.waiting.length;
        feed.waiting = [];
        try {
          const bulk = await reader(ranges);
          if (!bulk || bulk.events.length === 0) continue;
          if (bulk.checkpoint.lwt > feed.position) feed.position = bulk.checkpoint.lwt;
          feed.subject.next(bulk);
        } catch {
          // A failed read-back (driver closing, table removed) loses nothing durable: the documents are
          // in the table and any puller's checkpoint still finds them.
        }
      }
    } finally {
      feed.waiting = [];
      feed.reading = false;
    }
  }
}

/** Ranges sorted by their start, overlapping or touching ones joined (a catch-up covers later notices). */
export function mergeRanges(ranges: readonly LwtRange[]): LwtRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1]) last[1] = Math.max(last[1], hi);
    else merged.push([lo, hi]);
  }
  return merged;
}

const feeds = new WeakMap<SqlDriver, ChangeFeed>();

export function changeFeedOf(driver: SqlDriver): ChangeFeed {
  let feed = feeds.get(driver);
  if (!feed) {
    feed = new ChangeFeed(driver);
    feeds.set(driver, feed);
  }
  return feed;
}
