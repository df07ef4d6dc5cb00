import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/schema';
import { canonicalJson, GENESIS_HASH, sealEntry, verifyChain } from '../../../sync-server/audit';

function chainOf(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      sealEntry(out.at(-1) ?? null, {
        id: `aud_${i}`,
        actionId: `act_${i}`,
        kind: 'response.activate',
        actor: 'user:staff-tur-01',
        actorRole: 'staff',
        districtId: 'turkestan',
        entityIds: [`resp_${i}`],
        payload: { responseId: `resp_${i}`, nested: { b: 1, a: [2, 3] } },
        at: '2026-03-19T05:42:00.000Z',
        updatedAt: 1_773_898_920_000 + i,
      }),
    );
  }
  return out;
}

describe('the audit chain', () => {
  it('starts from the genesis hash and links every entry to the one before', () => {
    const chain = chainOf(3);
    expect(chain[0].prevHash).toBe(GENESIS_HASH);
    expect(chain[1].prevHash).toBe(chain[0].hash);
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(verifyChain([...chain].reverse())).toEqual({ ok: true, length: 3, head: chain[2].hash });
  });

  it('hashes the same entry the same whatever the order of its fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('names the first position where an edited entry breaks the chain', () => {
    const chain = chainOf(5);
    chain[2] = { ...chain[2], payload: { responseId: 'resp_other' } };
    expect(verifyChain(chain)).toMatchObject({ ok: false, position: 3, reason: 'hash' });
  });

  it('names a removed entry as a gap, and a re-sealed forgery as a broken link', () => {
    const chain = chainOf(5);
    expect(verifyChain([...chain.slice(0, 2), ...chain.slice(3)])).toMatchObject({
      ok: false,
      position: 3,
      reason: 'gap',
    });
    const forged = sealEntry({ seq: 2, hash: 'f'.repeat(64) }, { ...chain[2] });
    expect(verifyChain([...chain.slice(0, 2), forged, ...chain.slice(3)])).toMatchObject({
      ok: false,
      position: 3,
      reason: 'link',
    });
  });
});
