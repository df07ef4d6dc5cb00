import type { Subscription } from 'rxjs';
import type { Action } from '../../src/schema';
import type { ServerContext } from '../context';
import { collection } from '../database';
import { plain, readAll } from '../store';
import { processPending, recoverJournals } from './processor';

export interface ActionLoop {
  /** Resolves once every action seen so far has been processed (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Watches the `actions` collection and hands pending actions to the processor in the order they
 * arrive: those pushed by staff replication, inserted by another server process, or left pending by a
 * restart. Nothing is awaited here one by one: the processor takes whatever is waiting as one batch.
 */
export function startActionLoop(ctx: ServerContext): ActionLoop {
  const actions = collection(ctx.db, 'actions');
  let stopped = false;
  const inFlight = new Map<string, Promise<void>>();

  const enqueue = (doc: Action) => {
    const id = doc.id;
    if (stopped || inFlight.has(id)) return;
    const run = processPending(ctx, id, doc)
      .then(() => undefined)
      .catch((error: unknown) => {
        // The database did not answer: the action stays pending and is retried on the next start or change.
        ctx.log.error({ err: error, actionId: id }, 'action processing failed');
      })
      .finally(() => inFlight.delete(id));
    inFlight.set(id, run);
  };

  const subscription: Subscription = actions.$.subscribe((event) => {
    const doc = event.documentData as Action | undefined;
    // The event's document is the stored one: the processor places it without reading it back.
    if (doc && doc.status === 'pending' && !(doc as { _deleted?: boolean })._deleted) enqueue(plain(doc));
  });
  // Whatever was pending before this process started (a crash, a restart, a push while it was down).
  // A crash's half-written batches complete first, each under its partition's locks.
  const backlog = recoverJournals(ctx)
    .then(() => readAll(actions, { status: 'pending' }, { sort: [{ status: 'asc' }, { updatedAt: 'asc' }] }))
    .then((pending) => {
      for (const a of pending) enqueue(a);
    })
    .catch((error: unknown) => ctx.log.error({ err: error }, 'reading pending actions failed'));

  return {
    async idle() {
      await backlog;
      while (inFlight.size > 0) await Promise.all(inFlight.values());
    },
    async stop() {
      stopped = true;
      subscription.unsubscribe();
      await backlog;
      await Promise.all(inFlight.values());
    },
  };
}
