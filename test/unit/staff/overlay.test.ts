import { describe, expect, it } from 'vitest';
import { computeOverlay, tryAction } from '../../../renderer/staff/workspace/overlay';
import { activation, replicaDocs } from './staff-scenario-docs';

const now = '2026-03-19T10:45:00+05:00';

describe('the optimistic overlay of pending actions', () => {
  it('shows an offline activation at once: referral issued, application referred, the place held, all marked not yet synced', () => {
    const docs = replicaDocs();
    docs.actions = { 'act-1': activation('act-1', 'r-a-1', '2026-03-19T10:42:00+05:00') };
    const ws = computeOverlay(docs, now);
    expect(ws.state.responses['r-a-1']!.status).toBe('activated');
    expect(ws.state.applications['a-1']!.status).toBe('referred');
    const referral = ws.state.referrals['ref_act-1']!;
    // Activated Thu 19.03.2026: 20.03 is day 1, Nauryz and its moved days are off, 31.03 is the last day.
    expect(referral.validUntil).toBe('2026-03-31');
    // The referral holds one of the bulletin's free places at once (src/domain/places.ts).
    expect(ws.state.bulletins['b-1']!.freePlaces).toBe(docs.bulletins['b-1']!.freePlaces - 1);
    expect([...ws.unsynced].sort()).toEqual([
      'applications/a-1',
      'bulletins/b-1',
      'referrals/ref_act-1',
      'responses/r-a-1',
    ]);
    expect(ws.pending.map((a) => a.id)).toEqual(['act-1']);
  });

  it('never changes the replica snapshot itself', () => {
    const docs = replicaDocs();
    docs.actions = { 'act-1': activation('act-1', 'r-a-1', '2026-03-19T10:42:00+05:00') };
    computeOverlay(docs, now);
    expect(docs.responses['r-a-1']!.status).toBe('active');
    expect(docs.referrals).toEqual({});
  });

  it('drops the overlay once the server has applied the action and its documents arrived', () => {
    const docs = replicaDocs();
    docs.responses['r-a-1'] = { ...docs.responses['r-a-1']!, status: 'activated', updatedAt: 2 };
    docs.actions = { 'act-1': activation('act-1', 'r-a-1', '2026-03-19T10:42:00+05:00', 'applied') };
    const ws = computeOverlay(docs, now);
    expect(ws.unsynced.size).toBe(0);
    expect(ws.pending).toEqual([]);
  });

  it('flags a pending activation that another workstation has already made, naming who and when', () => {
    const docs = replicaDocs();
    docs.responses['r-a-1'] = {
      ...docs.responses['r-a-1']!,
      status: 'activated',
      activatedAt: '2026-03-19T10:42:00+05:00',
      activatedBy: 'user:balapan-b',
      activatedDeviceId: 'dev-2',
    };
    docs.actions = { 'act-1': activation('act-1', 'r-a-1', '2026-03-19T10:44:00+05:00') };
    const ws = computeOverlay(docs, now);
    expect(ws.doomed.get('act-1')).toEqual({
      code: 'alreadyActivated',
      params: {
        responseId: 'r-a-1',
        by: 'user:balapan-b',
        at: '2026-03-19T10:42:00+05:00',
        deviceId: 'dev-2',
      },
    });
  });

  it('refuses, before anything is saved, an activation out of ranking order without a reason', () => {
    const ws = computeOverlay(replicaDocs(), now);
    // a-1 (priority category) ranks first: activating a-2 skips it.
    expect(tryAction(ws, activation('act-2', 'r-a-2', '2026-03-19T10:44:00+05:00'), now)).toEqual({
      code: 'outOfOrder',
      params: { responseId: 'r-a-2', higherRankedIds: ['r-a-1'] },
    });
    const withReason = {
      ...activation('act-3', 'r-a-2', '2026-03-19T10:44:00+05:00'),
      payload: { responseId: 'r-a-2', skipReason: 'Родители отказались по телефону' },
    };
    expect(tryAction(ws, withReason, now)).toBeNull();
  });
});
