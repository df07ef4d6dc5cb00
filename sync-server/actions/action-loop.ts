import type { Subscription } from 'rxjs';
import type { Action } from '../../src/schema';
import type { ServerContext } from '../context';
import { collection } from '../database';
import { readAll } from '../store';
import { processPending } from './processor';

export interface ActionLoop {
  /** Resolves once every action seen so far has been processed (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Watches the `actions` collection and processes pending actions in the order they arrive: those
 * pushed by staff replication, inserted by another server process, or left pending by a restart.
 */
export function startActionLoop(ctx: ServerContext): ActionLoop {
  const actions = collection(ctx.db, 'actions');
  let stopped = false;
  let tail: Promise<void> = Promise.resolve();
  const queued = new Set<string>();

  const enqueue = (id: string) => {
    if (stopped || queued.has(id)) return;
    queued.add(id);
    tail = tail.then(async () => {
      queued.delete(id);
      if (stopped) return;
      try {
        await processPending(ctx, id);
      } catch (error) {
        // A storage failure: the action stays pending and is retried on the next start or change.
        ctx.log.error({ err: error, actionId: id }, 'action processing failed');
      }
    });
  };

  const subscription: Subscription = actions.$.subscribe((event) => {
    const doc = event.documentData as Action | undefined;
    if (doc && doc.status === 'pending' && !(doc as { _deleted?: boolean })._deleted) enqueue(doc.id);
  });
  // Whatever was pending before this process started (a crash, a restart, a push while it was down).
  tail = tail.then(async () => {
    const pending = await readAll(
      actions,
      { status: 'pending' },
      { sort: [{ status: 'asc' }, { updatedAt: 'asc' }] },
    );
    for (const a of pending) enqueue(a.id);
  });

  return {
    async idle() {
      let seen: Promise<void> | undefined;
      while (seen !== tail) {
        seen = tail;
        await seen;
      }
    },
    async stop() {
      stopped = true;
      subscription.unsubscribe();
      await tail.catch(() => undefined);
    },
  };
}
