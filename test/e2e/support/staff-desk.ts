import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { type ActionPayloads, makeAction } from '../../../src/domain';
import {
  type Action,
  type ActionKind,
  type CollectionName,
  collections,
  actionSchema,
} from '../../../src/schema';

/**
 * The kindergarten's side of the parent journey, done the way a staff workstation does it: log in,
 * push actions through the replication endpoint (docs/architecture.md, the intent log) and pull the
 * documents the server produced. No shortcut into the server: the same HTTP a staff replica uses.
 */
export class StaffDesk {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
    readonly userId: string,
    readonly kindergartenId: string,
  ) {}

  static async login(request: APIRequestContext, login: string, password: string): Promise<StaffDesk> {
    const res = await request.post('/api/auth/login', { data: { login, password } });
    if (!res.ok()) throw new Error(`staff login failed: ${res.status()} ${await res.text()}`);
    const body = (await res.json()) as { token: string; user: { id: string; kindergartenId: string } };
    return new StaffDesk(request, body.token, body.user.id, body.user.kindergartenId);
  }

  private get headers() {
    return { authorization: `Bearer ${this.token}` };
  }

  /** Everything of one replicated collection this account may see (one page of up to 1000). */
  async pull<T>(collection: string): Promise<T[]> {
    const res = await this.request.get(
      `/replication/${collection}/${collections[collection as CollectionName].schema.version}/pull?limit=1000`,
      {
        headers: this.headers,
      },
    );
    if (!res.ok()) throw new Error(`pull ${collection}: ${res.status()} ${await res.text()}`);
    return ((await res.json()) as { documents: T[] }).documents;
  }

  /** Pushes one action as a workstation would and waits until the server applied (or rejected) it. */
  async act<K extends ActionKind>(kind: K, payload: ActionPayloads[K]): Promise<Action> {
    const action = makeAction(kind, payload, {
      id: randomUUID(),
      actor: this.userId,
      actorRole: 'staff',
      kindergartenId: this.kindergartenId,
      deviceId: 'e2e-workstation',
      now: new Date(),
    });
    const res = await this.request.post(`/replication/actions/${actionSchema.version}/push`, {
      headers: this.headers,
      data: [{ newDocumentState: { ...action, _deleted: false } }],
    });
    if (!res.ok()) throw new Error(`push ${kind}: ${res.status()} ${await res.text()}`);
    for (let i = 0; i < 120; i++) {
      const done = (await this.pull<Action>('actions')).find(
        (a) => a.id === action.id && a.status !== 'pending',
      );
      if (done) {
        if (done.status === 'rejected') throw new Error(`${kind} rejected: ${JSON.stringify(done.reason)}`);
        return done;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${kind} was not processed`);
  }
}
