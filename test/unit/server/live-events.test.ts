import { describe, expect, it } from 'vitest';
import { createLiveEvents, liveEventOf } from '../../../sync-server/live-events';

describe('live events', () => {
  const regionOf = (kg: string) => (kg === 'kg-a' ? 'turkestan' : undefined);

  it("tells a referral's parent, its kindergarten and the district's supervisors", () => {
    const event = liveEventOf(
      'referrals',
      { id: 'ref-1', parentId: 'parent-1', kindergartenId: 'kg-a', applicationId: 'app-1', status: 'active' },
      regionOf,
    );
    expect(event?.audience).toEqual(['parent-1', 'kg:kg-a', 'region:turkestan']);
  });

  it("tells a response's kindergarten and district, with ids and statuses only (no child data)", () => {
    const event = liveEventOf(
      'responses',
      { id: 'resp-1', kindergartenId: 'kg-a', bulletinId: 'b-1', status: 'active', childIin: '170720600126' },
      regionOf,
    );
    expect(event?.audience).toEqual(['kg:kg-a', 'region:turkestan']);
    expect(JSON.stringify(event?.data)).not.toContain('170720600126');
  });

  it('leaves the district out when the kindergarten is unknown, and ignores collections it does not bridge', () => {
    expect(liveEventOf('responses', { id: 'r', kindergartenId: 'kg-x' }, regionOf)?.audience).toEqual([
      'kg:kg-x',
    ]);
    expect(liveEventOf('audit', { id: 'a' })).toBeNull();
  });

  it('delivers an event to each subscribed audience once, and stops after unsubscribe', () => {
    const events = createLiveEvents();
    const heard: string[] = [];
    const stop = events.subscribe('region:turkestan', (e) => heard.push(e.type));
    events.publish({ type: 'referral', audience: ['region:turkestan', 'region:turkestan'], data: {} });
    stop();
    events.publish({ type: 'referral', audience: ['region:turkestan'], data: {} });
    expect(heard).toEqual(['referral']);
  });
});
