import { randomUUID } from 'node:crypto';
import { type ActionPayloads, type Change, makeAction } from '../../src/domain';
import type { Action, ActionKind } from '../../src/schema';
import { processActionWritten } from '../actions/processor';
import type { ServerContext } from '../context';
import type { Parent } from '../schema';
import { ApiError } from './api-error';

/** Reasons that mean "what you asked for does not exist (for you)": never tell another parent's ids apart. */
const NOT_FOUND = new Set(['notFound', 'forbidden']);

/**
 * A parent's state change (file, withdraw, confirm interest, respond, extend) goes through the one
 * action processor (issue 5), as a 'parent' action: validated, applied in one transaction, audited.
 * A rejection becomes a 4xx with the domain's code: 404 for someone else's or missing records, 409
 * when the record's state does not allow it, 422 for the rest.
 */
export async function runParentAction<K extends ActionKind>(
  ctx: ServerContext,
  parent: Parent,
  kind: K,
  payload: ActionPayloads[K],
  options: { actionId?: string; kindergartenId?: string } = {},
): Promise<Action & { written: readonly Change[] }> {
  const action = makeAction(kind, payload, {
    id: options.actionId ?? randomUUID(),
    actor: parent.id,
    actorRole: 'parent',
    // Parents' actions belong to no kindergarten unless they concern one (a response, a referral).
    kindergartenId: options.kindergartenId ?? '',
    deviceId: 'parent-web',
    now: ctx.now(),
  });
  const result = await processActionWritten(ctx, action);
  if (result.status === 'rejected') {
    const { code, params = {} } = result.reason;
    if (NOT_FOUND.has(code)) throw new ApiError(404, 'notFound', {});
    const status = code === 'invalidPayload' || code === 'invalidAction' ? 422 : 409;
    throw new ApiError(status, code, params, typeof params.field === 'string' ? params.field : undefined);
  }
  return { ...action, written: result.written ?? [] };
}

type WrittenDoc<C extends Change['collection']> =
  Extract<Change, { collection: C }> extends { doc: infer D } ? D : never;

/** The document of `collection` with this id that an action wrote, if it wrote one. */
export function writtenDoc<C extends Change['collection']>(
  written: readonly Change[],
  collection: C,
  id: string,
): WrittenDoc<C> | undefined {
  const change = written.find((c) => c.collection === collection && c.doc.id === id);
  return change?.doc as WrittenDoc<C> | undefined;
}
