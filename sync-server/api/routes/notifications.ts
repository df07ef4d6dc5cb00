import { z } from 'zod';
import type { Action, Notification } from '../../../src/schema';
import { collectionOf } from '../../schema';
import { notFound } from '../api-error';
import { kindergartenName } from '../views';
import { kindergartensById } from '../catalogue-lookup';
import type { Language } from '../language';
import type { Kindergarten } from '../../../src/schema';
import { idParam } from '../fields';
import { journalEntry, ok } from '../../../src/contract';
import { type RouteSpec, route } from '../route';
import { notificationText, text } from '../translator';

/** A stored notification may name only the kindergarten's id: add its name in the caller's language. */
function textParams(n: Notification, kgs: Map<string, Kindergarten>, lng: Language): Record<string, unknown> {
  const p = n.params as Record<string, unknown>;
  const kg = typeof p.kindergartenId === 'string' ? kgs.get(p.kindergartenId) : undefined;
  const named = p.kindergarten ?? p.kindergartenNameRu ?? p.kindergartenNameKk;
  return named === undefined && kg ? { ...p, kindergarten: kindergartenName(kg, lng) } : p;
}

/** "Уведомления": the inbox (Входящие, with the unread count) and the user's own journal (Журнал пользователя). */
export function notificationRoutes(): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/notifications',
      operationId: 'listNotifications',
      response: { collection: 'notifications', array: true, extra: z.object({ text: z.string() }) },
      tag: 'notifications',
      summary: 'The inbox, newest first, each with its text in the caller’s language (X-Unread-Count header)',
      access: 'registering',
      handle: async ({ ctx, parent, lng, res }) => {
        const docs = await collectionOf(ctx.db, 'notifications')
          .find({ selector: { recipientId: parent!.id } })
          .exec();
        const list = docs
          .map((d) => d.toJSON() as Notification)
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
        const kgs = await kindergartensById(
          ctx,
          list.map((n) => n.params.kindergartenId).filter((id): id is string => typeof id === 'string'),
        );
        const items = list.map((n) => ({
          ...n,
          text: notificationText(lng, { kind: n.kind, params: textParams(n, kgs, lng) }),
        }));
        res.set('X-Unread-Count', String(items.filter((n) => !n.readAt).length));
        return items;
      },
    }),
    route({
      method: 'get',
      path: '/notifications/unread-count',
      operationId: 'countUnreadNotifications',
      response: z.object({ unread: z.number().int() }),
      tag: 'notifications',
      summary: 'The number shown next to "Уведомления"',
      access: 'registering',
      handle: async ({ ctx, parent }) => {
        const docs = await collectionOf(ctx.db, 'notifications')
          .find({ selector: { recipientId: parent!.id } })
          .exec();
        return { unread: docs.filter((d) => !d.readAt).length };
      },
    }),
    route({
      method: 'post',
      path: '/notifications/read-all',
      operationId: 'markAllNotificationsRead',
      response: z.object({ unread: z.number().int() }),
      tag: 'notifications',
      summary: 'Mark every notification as read',
      access: 'registering',
      handle: async ({ ctx, parent }) => {
        const now = ctx.now();
        const docs = await collectionOf(ctx.db, 'notifications')
          .find({ selector: { recipientId: parent!.id } })
          .exec();
        for (const d of docs.filter((x) => !x.readAt)) {
          await d.incrementalPatch({ readAt: now.toISOString(), updatedAt: now.getTime() });
        }
        return { unread: 0 };
      },
    }),
    route({
      method: 'post',
      path: '/notifications/:id/read',
      operationId: 'markNotificationRead',
      response: ok,
      tag: 'notifications',
      summary: 'Mark one notification as read',
      access: 'registering',
      params: idParam,
      errors: ['notFound'],
      handle: async ({ ctx, params, parent }) => {
        const doc = await collectionOf(ctx.db, 'notifications').findOne(params.id).exec();
        if (!doc || doc.recipientId !== parent!.id) throw notFound('notification');
        if (!doc.readAt) {
          const now = ctx.now();
          await doc.incrementalPatch({ readAt: now.toISOString(), updatedAt: now.getTime() });
        }
        return { ok: true as const };
      },
    }),
    route({
      method: 'get',
      path: '/journal',
      operationId: 'listJournal',
      response: z.array(journalEntry),
      tag: 'notifications',
      summary:
        '"Журнал пользователя": what the parent did (filed, responded, withdrew, extended) and its outcome',
      access: 'registering',
      handle: async ({ ctx, parent, lng }) => {
        const [docs, apps] = await Promise.all([
          collectionOf(ctx.db, 'actions')
            .find({ selector: { actor: parent!.id } })
            .exec(),
          collectionOf(ctx.db, 'applications')
            .find({ selector: { parentId: parent!.id } })
            .exec(),
        ]);
        const childOf = new Map(apps.map((a) => [a.id, a.childName] as const));
        const childName = (a: Action) => {
          const p = a.payload as { childName?: unknown; applicationId?: unknown };
          if (typeof p.childName === 'string') return p.childName;
          return typeof p.applicationId === 'string' ? childOf.get(p.applicationId) : undefined;
        };
        return docs
          .map((d) => d.toJSON() as Action)
          .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt) || b.id.localeCompare(a.id))
          .map((a) => ({
            id: a.id,
            at: a.occurredAt,
            kind: a.kind,
            status: a.status,
            params: { status: a.status, ...(a.reason ? { reason: a.reason.code } : {}) },
            ...(childName(a) ? { childName: childName(a) } : {}),
            text: text(lng, `common.actionKinds.${a.kind}`),
          }));
      },
    }),
  ];
}
