import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';

/**
 * When each entity last changed, on the clock the actions carry (server only). docs/domain.md: the server
 * rejects an action "earlier than the last change of the entity it acts on". `occurredAt` is a device
 * time, so the last change must be measured on the same clock — the `occurredAt` of the action that made
 * it — not on the server's `updatedAt`: otherwise a workstation that activates a child offline and then
 * signs the contract on the new referral, both before it reconnects, would see the second action
 * rejected although it came after the first on every clock that matters.
 */
export const entityClockSchema = {
  title: 'entityClock',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    /** `<collection>:<document id>` */
    id: { type: 'string', maxLength: 120 },
    /** `occurredAt` of the last applied action that changed the entity, in ms. */
    occurredAtMs: { type: 'number', minimum: 0, maximum: 1e15 },
    actionId: { type: 'string', maxLength: 64 },
    updatedAt: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['id', 'occurredAtMs', 'actionId', 'updatedAt'],
  additionalProperties: false,
} as const;
export type EntityClock = ExtractDocumentTypeFromTypedRxJsonSchema<typeof entityClockSchema>;

export const entityClockId = (collection: string, id: string) => `${collection}:${id}`;

/** The clock entries an applied action leaves for every document it changed. */
export function clockEntries(
  changes: { collection: string; doc: { id: string } }[],
  action: { id: string; occurredAt: string },
  nowMs: number,
): EntityClock[] {
  const occurredAtMs = Date.parse(action.occurredAt);
  if (!Number.isFinite(occurredAtMs)) return [];
  return changes.map((c) => ({
    id: entityClockId(c.collection, c.doc.id),
    occurredAtMs,
    actionId: action.id,
    updatedAt: nowMs,
  }));
}
