import { processAction } from '../../../sync-server/actions';
import { collection } from '../../../sync-server/database';
import { readAll } from '../../../sync-server/store';
import type { Runtime } from '../../../sync-server/runtime';
import { actionOf, loginAs } from '../server/harness';

/** Calls the supervisor API of a running server as one signed-in account. */
export function supervisorClient(baseUrl: string, token: string | null) {
  // biome-ignore lint/suspicious/noExplicitAny: replies are JSON whose shape the assertions check
  return async function call<T = any>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T; text: string; headers: Headers; bytes: Buffer }> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}/api/supervisor${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = bytes.toString('utf8');
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    return {
      status: res.status,
      body: (isJson ? JSON.parse(text) : null) as T,
      text,
      headers: res.headers,
      bytes,
    };
  };
}

/** A supervisor of the demo district (the seed's Туркестанская область) and one of another region. */
export async function supervisorsOf(runtime: Runtime) {
  const own = await loginAs(runtime, {
    login: 'kurator-turkestan',
    role: 'supervisor',
    regionId: 'turkestan',
    name: 'Жумабекова Айгуль',
  });
  const other = await loginAs(runtime, {
    login: 'kurator-other',
    role: 'supervisor',
    regionId: 'other',
    name: 'Other Region',
  });
  return { own, other };
}

/**
 * Staff of kindergarten kg-a activate the second responder of bulletin bul-a before the first, giving
 * the reason the domain requires (docs/domain.md, Allocation: "skipping a responder requires a recorded reason").
 */
export async function activateOutOfOrder(runtime: Runtime, reason: string) {
  const staff = await loginAs(runtime, {
    login: 'isenova',
    role: 'staff',
    kindergartenId: 'kg-a',
    name: 'Исенова Гулмира',
  });
  const responses = await readAll(collection(runtime.ctx.db, 'responses'), { bulletinId: 'bul-a' });
  const second = responses.find((r) => r.applicationId === 'app-2')!;
  const first = responses.find((r) => r.applicationId === 'app-1')!;
  const action = actionOf(
    {
      kind: 'response.activate',
      actor: staff.userId,
      actorRole: 'staff',
      kindergartenId: 'kg-a',
      payload: { responseId: second.id, skipReason: reason },
    },
    runtime.ctx.now(),
  );
  const outcome = await processAction(runtime.ctx, action);
  if (outcome.status !== 'applied') throw new Error(JSON.stringify(outcome));
  return { action, activated: second, passedOver: first, staff };
}
