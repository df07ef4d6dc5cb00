import type { Action } from '../../src/schema';
import type { ServerContext } from '../context';
import { type ActionOutcome, applyBatch, JournalWriteFailed } from './apply-batch';
import { coordinationOf } from './coordination';
import { partitionsOf } from './partition';
import { MAX_BATCH, processAction } from './processor';

/**
 * Actions applied together as one batch under the locks of all their partitions (issue 16, item 5):
 * the scheduler's due actions of a tick. Handed to processAction one by one they queue per locality and
 * the processor drains two localities at a time, so 25 due actions over 16 localities were eight rounds
 * of a lock, a batch's reads and its writes, one after another (2.5–3.2 s at 200k on the loaded
 * machine). Here one round takes every lock at once (sorted, as every batch takes its own), decides the
 * actions in the given order over one StateReader — so a referral's expiry still gives its place back
 * before the bulletin's window ends — and writes them with one journal.
 *
 * The localities' parents wait for the round's locks as they would for one of their own batches. An
 * action the batch leaves undecided (a workstation's earlier actions go first) or a batch that fails
 * goes through processAction alone, which decides it with the usual retries and rejections.
 */
export async function processTogether(
  ctx: ServerContext,
  actions: readonly Action[],
): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  for (let start = 0; start < actions.length; start += MAX_BATCH) {
    const chunk = actions.slice(start, start + MAX_BATCH);
    outcomes.push(...(await chunkTogether(ctx, chunk)));
  }
  return outcomes;
}

async function chunkTogether(ctx: ServerContext, actions: readonly Action[]): Promise<ActionOutcome[]> {
  if (actions.length <= 1) return Promise.all(actions.map((a) => processAction(ctx, a)));
  let decided = new Map<string, ActionOutcome>();
  try {
    const partitions = await partitionsOf(ctx.db, actions);
    const locks = [...new Set(partitions.flat())].sort();
    const items = actions.map((a) => ({ id: a.id, doc: { ...a, status: 'pending' as const } }));
    decided = await coordinationOf(ctx.db).exclusive(() => applyBatch(ctx, items, locks), locks);
  } catch (error) {
    // Written to the journal but not through: its replay completes it (on start, or the next tick's
    // round under the same locks), so nothing is decided again here; the tick fails as it would have.
    if (error instanceof JournalWriteFailed) throw error.cause;
    ctx.log.warn({ err: error, actions: actions.length }, 'applying actions together failed; one by one');
  }
  return Promise.all(actions.map((a) => decided.get(a.id) ?? processAction(ctx, a)));
}
