import { describe, expect, it } from 'vitest';
import { edited, groupCreateRefusal, groupEditRefusal } from '../../../src/domain';

describe('catalogue rules', () => {
  it('keeps a group’s capacity at or above the children enrolled', () => {
    expect(groupEditRefusal({ enrolled: 21 }, { capacity: 20 }, 0)).toEqual({
      code: 'capacityBelowEnrolled',
      params: { enrolled: 21 },
    });
    expect(groupEditRefusal({ enrolled: 21 }, { capacity: 21 }, 0)).toBeNull();
    expect(groupEditRefusal({ enrolled: 21 }, {}, 0)).toBeNull();
  });

  it('closes a group only once no bulletin of it is published', () => {
    expect(groupEditRefusal({ enrolled: 0 }, { status: 'closed' }, 2)).toEqual({
      code: 'groupHasPublishedBulletin',
      params: { count: 2 },
    });
    expect(groupEditRefusal({ enrolled: 0 }, { status: 'closed' }, 0)).toBeNull();
    // Reopening or editing other fields is not held back by a published bulletin.
    expect(groupEditRefusal({ enrolled: 0 }, { status: 'open' }, 2)).toBeNull();
  });

  it('opens groups only in an open kindergarten', () => {
    expect(groupCreateRefusal({ status: 'closed' })).toEqual({ code: 'kindergartenClosed', params: {} });
    expect(groupCreateRefusal({ status: 'open' })).toBeNull();
  });

  it('stamps an edit strictly after the stored document, whatever the clock says', () => {
    const stored = { id: 'g', capacity: 20, enrolled: 3, updatedAt: 5_000 };
    expect(edited(stored, { capacity: 25 }, 9_000)).toEqual({ ...stored, capacity: 25, updatedAt: 9_000 });
    expect(edited(stored, { capacity: 25 }, 1_000).updatedAt).toBe(5_001);
    expect(stored.capacity).toBe(20);
  });
});
