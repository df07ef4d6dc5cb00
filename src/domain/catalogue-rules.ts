import type { Group, Kindergarten } from '../schema';

/**
 * The rules of a supervisor's catalogue (issue 8, Management), decided under the same lock as the
 * actions on the same kindergarten (the action kinds of supervisor-actions.ts), so they hold against what
 * contracts and bulletins have done up to that moment. Codes are translated at the edge (src/i18n,
 * supervisor.errors).
 */
export type CatalogueRefusal =
  | { code: 'capacityBelowEnrolled'; params: { enrolled: number } }
  | { code: 'groupHasPublishedBulletin'; params: { count: number } }
  | { code: 'kindergartenClosed'; params: Record<string, never> };

export interface GroupEdit {
  capacity?: number;
  status?: 'open' | 'closed';
}

/**
 * A group's capacity never drops below the children already enrolled; a group with a published
 * bulletin still has places on offer to parents, so it closes only after the bulletin does.
 */
export function groupEditRefusal(
  group: Pick<Group, 'enrolled'>,
  edit: GroupEdit,
  publishedBulletins: number,
): CatalogueRefusal | null {
  if (edit.capacity !== undefined && edit.capacity < group.enrolled)
    return { code: 'capacityBelowEnrolled', params: { enrolled: group.enrolled } };
  if (edit.status === 'closed' && publishedBulletins > 0)
    return { code: 'groupHasPublishedBulletin', params: { count: publishedBulletins } };
  return null;
}

/** A new group belongs to an open kindergarten. */
export function groupCreateRefusal(kindergarten: Pick<Kindergarten, 'status'>): CatalogueRefusal | null {
  return kindergarten.status === 'closed' ? { code: 'kindergartenClosed', params: {} } : null;
}

/** The edited document: the patch over the stored one, `updatedAt` strictly after the stored one's. */
export function edited<T extends { updatedAt: number }>(existing: T, patch: Partial<T>, nowMs: number): T {
  return { ...existing, ...patch, updatedAt: Math.max(nowMs, existing.updatedAt + 1) };
}
