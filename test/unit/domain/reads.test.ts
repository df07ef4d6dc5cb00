import { describe, expect, it } from 'vitest';
import { actionReads } from '../../../src/domain';

// What the server loads for an action is what its handler declares (src/domain/reads.ts); these are
// the declarations the state loader (sync-server/actions/state-loader.ts) is driven by.
describe('the reads an action declares', () => {
  it('an activation reads its response (and through it the bulletin and the application)', () => {
    expect(actionReads('response.activate', { responseId: 'resp-1' })).toEqual([
      { read: 'activation', responseId: 'resp-1' },
    ]);
  });

  it('publishing reads the matching queues of the group, saving a draft does not', () => {
    const payload = { bulletinId: 'bul-1', groupId: 'grp-1' };
    expect(actionReads('bulletin.publish', payload)).toEqual([
      { read: 'bulletinUpsert', id: 'bul-1', groupId: 'grp-1', matchingQueues: true },
    ]);
    expect(actionReads('bulletin.saveDraft', payload)).toEqual([
      { read: 'bulletinUpsert', id: 'bul-1', groupId: 'grp-1', matchingQueues: false },
    ]);
  });

  it('closing a bulletin reads its referrals and responders; opening it to all only the bulletin', () => {
    expect(actionReads('bulletin.close', { bulletinId: 'bul-1' })).toEqual([
      { read: 'bulletin', id: 'bul-1', referrals: true, responders: true },
    ]);
    expect(actionReads('bulletin.openToAll', { bulletinId: 'bul-1' })).toEqual([
      { read: 'bulletin', id: 'bul-1' },
    ]);
  });

  it('a contract reads the referral with its parts, an extension the referral alone', () => {
    expect(
      actionReads('referral.signContract', {
        referralId: 'ref-1',
        contractNumber: '12',
        contractDate: '2026-03-20',
      }),
    ).toEqual([{ read: 'referral', id: 'ref-1', parts: true }]);
    expect(
      actionReads('referral.extend', {
        referralId: 'ref-1',
        reason: 'болеет',
        documents: [{ name: 'справка.pdf' }],
      }),
    ).toEqual([{ read: 'referral', id: 'ref-1', parts: false }]);
  });

  it('a payload its spec refuses still reads the documents its ids name (the rejection has a region)', () => {
    expect(actionReads('referral.signContract', { referralId: 'ref-1' })).toEqual([
      { read: 'referral', id: 'ref-1', parts: false },
    ]);
    expect(actionReads('application.confirmPriority', { applicationId: 'app-1', confirmed: 'yes' })).toEqual([
      { read: 'application', id: 'app-1' },
    ]);
  });

  it('an unknown kind or a payload that is not an object reads nothing', () => {
    expect(actionReads('bulletin.delete', { bulletinId: 'bul-1' })).toEqual([]);
    expect(actionReads('bulletin.close', 'bul-1')).toEqual([]);
    expect(actionReads('__proto__', {})).toEqual([]);
  });
});
