import { bulletinAccess, canRespond } from '../../../src/domain';
import type { Application, Bulletin, Kindergarten, Response } from '../../../src/schema';
import { issueSession } from '../../../sync-server/auth';
import { collection } from '../../../sync-server/database';
import { createLogger } from '../../../sync-server/logging';
import { openRuntime, type Runtime } from '../../../sync-server/runtime';

/**
 * Who the action benchmark acts as, read from a seeded demo district: parents whose application may
 * respond to a published bulletin, their sessions (minted with the servers' shared secret, as a login
 * would: `issueSession`), a kindergarten's staff member, and parents who can file a new application.
 */

export interface Responder {
  parentId: string;
  applicationId: string;
  bulletinId: string;
  /** 'all': the bulletin admits every matching application; 'priority': only the first N in queue order. */
  access: 'all' | 'priority';
}

export interface Filer {
  parentId: string;
  childId: string;
  regionId: string;
  /** A locality of the region other than the one the child already queues in (one application per locality). */
  localityId: string;
  languages: string[];
}

/** The bench's own RxDB database on a bench database (PostgreSQL), sessions valid for hours. */
export function openBenchRuntime(url: string, tokenSecret: string): Promise<Runtime> {
  return openRuntime({
    storage: { kind: 'postgres', url },
    config: {
      tokenSecret,
      publicUrl: 'http://127.0.0.1',
      accessTokenTtlMs: 6 * 3_600_000,
    },
    log: createLogger({ level: 'warn' }),
  });
}

async function allDocs<T>(
  runtime: Runtime,
  name: 'applications' | 'bulletins' | 'kindergartens' | 'responses',
  selector: Record<string, unknown>,
): Promise<T[]> {
  const docs = await collection(runtime.ctx.db, name).find({ selector }).exec();
  return docs.map((d) => d.toJSON() as T);
}

/**
 * One application per parent, each with a bulletin it can respond to right now. Bulletins open to all
 * first (a response is then a domain success); when there are not enough of those, applications that
 * match a bulletin still in its priority window follow (most get 409 `cannotRespond` with `access`: the
 * legitimate answer). Spread round-robin over the matching bulletins; deterministic order.
 */
export async function findResponders(runtime: Runtime): Promise<Responder[]> {
  const now = runtime.ctx.now();
  const nowIso = now.toISOString();
  const bulletins = (await allDocs<Bulletin>(runtime, 'bulletins', { status: 'published' })).sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  const kgs = new Map(
    (await allDocs<Kindergarten>(runtime, 'kindergartens', {})).map((k) => [k.id, k] as const),
  );
  const apps = (await allDocs<Application>(runtime, 'applications', { status: 'waiting' })).sort((a, b) =>
    a.id.localeCompare(b.id),
  );
  const open = bulletins.filter((b) => bulletinAccess(b, now.getTime()) === 'all');
  const windowed = bulletins.filter((b) => bulletinAccess(b, now.getTime()) === 'priority');
  const seenParents = new Set<string>();
  const all: Responder[] = [];
  const priority: Responder[] = [];
  const turn = new Map<string, number>();
  for (const app of apps) {
    if (seenParents.has(app.parentId)) continue;
    const pick = (list: Bulletin[], key: string) => {
      const fits = list.filter(
        (b) =>
          b.localityId === app.localityId &&
          b.groupType === app.groupType &&
          b.birthYears.includes(app.birthYear) &&
          app.languages.includes(b.language),
      );
      if (fits.length === 0) return undefined;
      const n = turn.get(key) ?? 0;
      turn.set(key, n + 1);
      return fits[n % fits.length];
    };
    const openOne = pick(open, 'open');
    if (openOne) {
      const kg = kgs.get(openOne.kindergartenId);
      if (kg && canRespond(app, openOne, kg, nowIso).ok) {
        seenParents.add(app.parentId);
        all.push({ parentId: app.parentId, applicationId: app.id, bulletinId: openOne.id, access: 'all' });
        continue;
      }
    }
    const windowOne = pick(windowed, 'window');
    if (windowOne) {
      seenParents.add(app.parentId);
      priority.push({
        parentId: app.parentId,
        applicationId: app.id,
        bulletinId: windowOne.id,
        access: 'priority',
      });
    }
  }
  return [...all, ...priority];
}

/**
 * Parents who can file one more application: their child queues in one locality, and the region has
 * another one with kindergartens. Skips the parents in `exclude`.
 */
export async function findFilers(runtime: Runtime, exclude: Set<string>, count: number): Promise<Filer[]> {
  const kgs = await allDocs<Kindergarten>(runtime, 'kindergartens', {});
  const localities = new Map<string, Set<string>>();
  for (const k of kgs) {
    if (!localities.has(k.regionId)) localities.set(k.regionId, new Set());
    localities.get(k.regionId)!.add(k.localityId);
  }
  const apps = (await allDocs<Application>(runtime, 'applications', { status: 'waiting' })).sort((a, b) =>
    b.id.localeCompare(a.id),
  );
  const out: Filer[] = [];
  for (const app of apps) {
    if (out.length >= count) break;
    if (exclude.has(app.parentId) || app.childId.length === 0) continue;
    const other = [...(localities.get(app.regionId) ?? [])].find((l) => l !== app.localityId);
    if (!other) continue;
    out.push({
      parentId: app.parentId,
      childId: app.childId,
      regionId: app.regionId,
      localityId: other,
      languages: app.languages,
    });
  }
  return out;
}

/** Access tokens for these parents (a session each, as a login would create). */
export async function mintParentTokens(runtime: Runtime, parentIds: string[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>();
  const parents = collection(runtime.ctx.db, 'parents');
  const queue = [...new Set(parentIds)];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const parent = await parents.findOne(id).exec();
      if (!parent) throw new Error(`no parent ${id}`);
      const session = await issueSession(runtime.ctx, {
        id,
        role: 'parent',
        tokenVersion: parent.tokenVersion,
      });
      tokens.set(id, session.token);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return tokens;
}

export interface StaffMember {
  userId: string;
  kindergartenId: string;
  token: string;
}

/** The staff account of a kindergarten (the seed makes one per kindergarten) and a session for it. */
export async function mintStaffToken(runtime: Runtime, kindergartenId: string): Promise<StaffMember> {
  const users = await collection(runtime.ctx.db, 'users')
    .find({ selector: { role: 'staff', kindergartenId } })
    .exec();
  const user = users.find((u) => !u.disabled);
  if (!user) throw new Error(`no staff account at ${kindergartenId}`);
  const session = await issueSession(runtime.ctx, {
    id: user.id,
    role: 'staff',
    tokenVersion: user.tokenVersion,
  });
  return { userId: user.id, kindergartenId, token: session.token };
}

/** The active responses of a kindergarten, oldest application first (roughly the order staff activate in). */
export async function activeResponsesAt(runtime: Runtime, kindergartenId: string): Promise<Response[]> {
  return (await allDocs<Response>(runtime, 'responses', { kindergartenId, status: 'active' })).sort(
    (a, b) => a.filedAt.localeCompare(b.filedAt) || a.id.localeCompare(b.id),
  );
}

/** Published bulletins of a kindergarten. */
export async function bulletinsAt(runtime: Runtime, kindergartenId: string): Promise<Bulletin[]> {
  return allDocs<Bulletin>(runtime, 'bulletins', { kindergartenId, status: 'published' });
}
