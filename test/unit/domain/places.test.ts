import { describe, expect, it } from 'vitest';
import { groupPlaces, placeReturned } from '../../../src/domain';
import type { Bulletin, Referral } from '../../../src/schema';

type R = Pick<Referral, 'groupId' | 'status'>;
type B = Pick<Bulletin, 'id' | 'groupId' | 'status' | 'freePlaces'>;

const group = { id: 'g1', capacity: 25, enrolled: 20 };
const held = (n: number, groupId = 'g1'): R[] =>
  Array.from({ length: n }, () => ({ groupId, status: 'active' }));

describe('places', () => {
  it('counts a place held by a live referral as not free', () => {
    expect(groupPlaces(group, held(2))).toMatchObject({ enrolled: 20, held: 2, free: 3, available: 3 });
  });

  it('gives the place back when the referral expires or is annulled, and keeps it when signed', () => {
    const lapsed: R[] = [
      { groupId: 'g1', status: 'expired' },
      { groupId: 'g1', status: 'annulled' },
      // a signed contract counts in group.enrolled, not twice
      { groupId: 'g1', status: 'enrolled' },
    ];
    expect(groupPlaces(group, lapsed)).toMatchObject({ held: 0, free: 5 });
  });

  it('ignores other groups’ referrals and bulletins', () => {
    const other: B[] = [{ id: 'b9', groupId: 'g2', status: 'published', freePlaces: 4 }];
    expect(groupPlaces(group, held(3, 'g2'), other)).toMatchObject({ held: 0, offered: 0, available: 5 });
  });

  it('leaves to another bulletin only what published bulletins do not already offer', () => {
    const bulletins: B[] = [
      { id: 'b1', groupId: 'g1', status: 'published', freePlaces: 2 },
      { id: 'b2', groupId: 'g1', status: 'draft', freePlaces: 3 },
      { id: 'b3', groupId: 'g1', status: 'closed', freePlaces: 1 },
    ];
    expect(groupPlaces(group, held(1), bulletins)).toMatchObject({ free: 4, offered: 2, available: 2 });
    // The bulletin being edited does not compete with itself.
    expect(groupPlaces(group, held(1), bulletins, 'b1')).toMatchObject({ offered: 0, available: 4 });
  });

  it('never answers fewer than 0 free places', () => {
    expect(groupPlaces({ ...group, enrolled: 25 }, held(1))).toMatchObject({ free: 0, available: 0 });
  });

  it('returns a lapsed referral’s place to its bulletin, within the bulletin’s places', () => {
    expect(placeReturned({ freePlaces: 0, totalPlaces: 2 })).toBe(1);
    expect(placeReturned({ freePlaces: 2, totalPlaces: 2 })).toBe(2);
  });
});
