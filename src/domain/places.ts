import type { Bulletin, Group, Referral } from '../schema';

/**
 * Places (docs/domain.md, Referrals → Places). A place held by a live referral is not free: activation
 * takes it from the bulletin's free places at once (`bulletin.freePlaces` − 1), an annulled or expired
 * referral gives it back (+ 1), and the contract turns the held place into an enrolled child
 * (`group.enrolled` + 1, the bulletin unchanged). So `bulletin.freePlaces` is what staff, parents and
 * supervisors are shown, the same number everywhere, and a group's free places are
 * capacity − enrolled − held.
 */
export interface GroupPlaces {
  capacity: number;
  /** Children with a signed contract. */
  enrolled: number;
  /** Places held by the group's active referrals (issued, not yet signed or lapsed). */
  held: number;
  /** capacity − enrolled − held, never below 0. */
  free: number;
  /** Free places the group's other published bulletins already offer. */
  offered: number;
  /** What one more bulletin (or this one, when edited) may still offer: free − offered. */
  available: number;
}

export function groupPlaces(
  group: Pick<Group, 'id' | 'capacity' | 'enrolled'>,
  referrals: readonly Pick<Referral, 'groupId' | 'status'>[],
  bulletins: readonly Pick<Bulletin, 'id' | 'groupId' | 'status' | 'freePlaces'>[] = [],
  exceptBulletinId?: string,
): GroupPlaces {
  const held = referrals.filter((r) => r.groupId === group.id && r.status === 'active').length;
  const free = Math.max(0, group.capacity - group.enrolled - held);
  const offered = bulletins
    .filter((b) => b.groupId === group.id && b.status === 'published' && b.id !== exceptBulletinId)
    .reduce((sum, b) => sum + b.freePlaces, 0);
  return {
    capacity: group.capacity,
    enrolled: group.enrolled,
    held,
    free,
    offered,
    available: Math.max(0, free - offered),
  };
}

/** A bulletin's free places once a referral of it lapsed: the held place comes back, within its total. */
export function placeReturned(bulletin: Pick<Bulletin, 'freePlaces' | 'totalPlaces'>): number {
  return Math.min(bulletin.totalPlaces, bulletin.freePlaces + 1);
}
