import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_ROLES,
  type ActionInput,
  applyAction,
  checkPayload,
  type FieldRule,
  INVALID_PAYLOAD_REASONS,
  KZ_CALENDAR,
  PAYLOAD_LIMITS,
  PAYLOAD_SPECS,
  type PayloadSpec,
} from '../../../src/domain';
import { ACTION_KINDS, type ActionKind } from '../../../src/schema';
import { action, application, bulletin, group, iin, NOW, referralOf, responseOf, stateOf } from './fixtures';

const SHA = 'a'.repeat(64);

/** One valid payload of every kind, as its producers send it (staff forms, parents' API, scheduler, supervisor). */
const VALID: Record<ActionKind, Record<string, unknown>> = {
  'bulletin.saveDraft': {
    bulletinId: 'bul-new',
    groupId: group.id,
    totalPlaces: 3,
    freePlaces: 2,
    placeType: 'free',
    vacancyAt: '2026-03-13T18:00:00+05:00',
    authorName: 'Исенова Гулмира',
  },
  'bulletin.publish': { bulletinId: 'bul-1' },
  'bulletin.edit': { bulletinId: 'bul-1', freePlaces: 2, totalPlaces: 3 },
  'bulletin.close': { bulletinId: 'bul-1' },
  'bulletin.withdraw': { bulletinId: 'bul-1' },
  'bulletin.openToAll': { bulletinId: 'bul-1' },
  'application.file': {
    applicationId: 'app_new',
    childId: 'child-new',
    childIin: iin('2020-05-04', 300),
    childName: 'ӘЛИЕВА АЙША',
    parentId: 'parent-1',
    groupType: 'ordinary',
    languages: ['kk'],
    regionId: 'turkestan-region',
    localityId: 'turkestan',
    claimedPriority: 'none',
  },
  'application.withdraw': { applicationId: 'a1' },
  'application.confirmInterest': { applicationId: 'a1' },
  'application.suspend': { applicationId: 'a1' },
  'application.respond': { applicationId: 'a1', bulletinId: 'bul-1' },
  'application.endStopList': { applicationId: 'a1' },
  'application.confirmPriority': {
    applicationId: 'a1',
    confirmed: true,
    claimedPriority: 'primary',
    documents: 'удостоверение многодетной семьи',
  },
  'response.activate': { responseId: 'resp-a1', skipReason: 'parent unreachable' },
  'referral.extend': {
    referralId: 'ref-a1',
    reason: 'болезнь',
    documents: [{ name: 'справка.pdf', size: 1200, sha256: SHA, contentType: 'application/pdf' }],
    until: '2026-04-10',
  },
  'referral.noShow': { referralId: 'ref-a1' },
  'referral.expire': { referralId: 'ref-a1' },
  'referral.signContract': { referralId: 'ref-a1', contractNumber: '17', contractDate: '2026-03-25' },
  'kindergarten.create': {
    kindergartenId: 'kg-new',
    regionId: 'turkestan-region',
    nameKk: '«Айгөлек» бөбекжай-бақшасы',
    nameRu: 'ГККП «Айголек» ясли-сад',
    ownership: 'state',
    localityId: 'turkestan',
    address: 'г.Туркестан, ул. Саликбайы 33а',
    phone: '+7 725 333 00 00',
    languages: ['kk', 'ru'],
  },
  'kindergarten.edit': { kindergartenId: 'kg-1', address: 'ул. Тауке хана 5', status: 'open' },
  'kindergarten.close': { kindergartenId: 'kg-1' },
  'group.create': {
    groupId: 'grp-new',
    kindergartenId: 'kg-1',
    name: 'Жұлдыз',
    groupType: 'ordinary',
    language: 'kk',
    birthYears: [2021, 2022],
    ageGroup: 'middle',
    capacity: 25,
  },
  'group.edit': { groupId: group.id, capacity: 30 },
  'group.close': { groupId: group.id },
  'staff.create': {
    userId: 'user:nurlan',
    login: 'nurlan',
    name: 'Нурлан Ахметов',
    kindergartenId: 'kg-1',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  },
  'staff.edit': { userId: 'user:nurlan', name: 'Нурлан Ахметов' },
  'staff.assign': { userId: 'user:nurlan', kindergartenId: 'kg-2' },
  'staff.resetPassword': {
    userId: 'user:nurlan',
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA',
  },
  'staff.disable': { userId: 'user:nurlan' },
  'staff.enable': { userId: 'user:nurlan' },
  'calendar.edit': { regionId: 'turkestan-region', calendar: KZ_CALENDAR },
  'settings.edit': {
    regionId: 'turkestan-region',
    priorityWindowWorkingDays: 3,
    stopListUnit: 'working',
    interestConfirmationDays: 180,
  },
  'parent.releaseIin': {
    regionId: 'turkestan-region',
    iin: '940225300128',
    reason: 'Владелец предъявил удостоверение личности',
  },
};

/** A value nested `depth` levels (the outer object is level 1). */
function nested(depth: number): Record<string, unknown> {
  let v: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) v = { v };
  return v;
}

function reducerOf(kind: ActionKind, payload: unknown) {
  const role = ACTION_ROLES[kind][0];
  const a = action(kind, payload as Record<string, unknown>, { actorRole: role, actor: `${role}-1` });
  return applyAction(stateOf({}), a, NOW);
}

describe('PAYLOAD_SPECS: one table of every action kind’s payload', () => {
  it('covers every action kind', () => {
    expect(Object.keys(PAYLOAD_SPECS).sort()).toEqual([...ACTION_KINDS].sort());
  });

  describe.each(ACTION_KINDS)('%s', (kind) => {
    it('accepts its valid payload', () => {
      expect(checkPayload(kind, VALID[kind])).toBeNull();
    });

    it('refuses a field it does not name, in the reducer too, before any handler', () => {
      const refusal = {
        code: 'invalidPayload',
        params: { field: 'comment', reason: 'unknown' },
      };
      expect(checkPayload(kind, { ...VALID[kind], comment: 'x' })).toEqual(refusal);
      expect(reducerOf(kind, { ...VALID[kind], comment: 'x' })).toEqual({ ok: false, error: refusal });
    });

    it(`refuses a payload nested deeper than ${PAYLOAD_LIMITS.maxDepth} levels`, () => {
      const refusal = {
        code: 'invalidPayload',
        params: { field: 'payload', reason: 'tooDeep', max: PAYLOAD_LIMITS.maxDepth },
      };
      const deep = { ...VALID[kind], extra: nested(PAYLOAD_LIMITS.maxDepth) };
      expect(checkPayload(kind, deep)).toEqual(refusal);
      expect(reducerOf(kind, deep)).toEqual({ ok: false, error: refusal });
    });

    it(`refuses a payload over ${PAYLOAD_LIMITS.maxBytes} bytes of JSON`, () => {
      const refusal = {
        code: 'invalidPayload',
        params: { field: 'payload', reason: 'tooLarge', max: PAYLOAD_LIMITS.maxBytes },
      };
      const large = { ...VALID[kind], extra: 'x'.repeat(PAYLOAD_LIMITS.maxBytes) };
      expect(checkPayload(kind, large)).toEqual(refusal);
      expect(reducerOf(kind, large)).toEqual({ ok: false, error: refusal });
    });
  });

  it('answers a payload nested 2,000 deep with a refusal, never a RangeError', () => {
    const deep = { referralId: 'ref-a1', extra: nested(2000) };
    expect(checkPayload('referral.noShow', deep)).toMatchObject({ params: { reason: 'tooDeep' } });
    expect(reducerOf('referral.noShow', deep)).toMatchObject({
      ok: false,
      error: { code: 'invalidPayload' },
    });
  });

  it('counts bytes, not characters: 8,200 Cyrillic letters are over the limit', () => {
    const p = { ...VALID['referral.extend'], reason: 'ә'.repeat(8200) };
    expect(checkPayload('referral.extend', p)).toMatchObject({ params: { reason: 'tooLarge' } });
  });

  it('fits the largest legitimate payload: an extension with 5 documents and a 1000-character reason', () => {
    // Every character a 3-byte one ("№"), every field at its longest: the worst a form can produce.
    const longest = (n: number) => '№'.repeat(n);
    const payload = {
      referralId: 'r'.repeat(64),
      reason: longest(1000),
      until: '2026-04-10',
      documents: Array.from({ length: 5 }, () => ({
        name: longest(200),
        description: longest(500),
        size: 5 * 1024 * 1024,
        sha256: SHA,
        contentType: 'application/pdf',
      })),
    };
    expect(checkPayload('referral.extend', payload)).toBeNull();
    expect(new TextEncoder().encode(JSON.stringify(payload)).length).toBeLessThan(PAYLOAD_LIMITS.maxBytes);
  });

  it('refuses an unknown field inside a supporting document', () => {
    const p = {
      ...VALID['referral.extend'],
      documents: [{ name: 'справка.pdf', content: 'JVBERi0=' }],
    };
    expect(checkPayload('referral.extend', p)).toEqual({
      code: 'invalidPayload',
      params: { field: 'documents', reason: 'unknown' },
    });
  });

  it('takes a field left undefined as absent (the desktop’s overlay sees the object before JSON drops it)', () => {
    expect(checkPayload('response.activate', { responseId: 'resp-a1', comment: undefined })).toBeNull();
  });

  it('gives only listed reasons', () => {
    for (const reason of ['unknown', 'tooLarge', 'tooDeep'])
      expect(INVALID_PAYLOAD_REASONS).toContain(reason);
  });
});

/** Payloads the table accepts, built from its rules (ids from the state below, so handlers get far). */
function arbitraryOf(rule: FieldRule, field: string): fc.Arbitrary<unknown> {
  switch (rule.kind) {
    case 'string':
      if (field.endsWith('Id'))
        return fc.constantFrom('a1', 'a2', 'bul-1', 'resp-a1', 'ref-a1', group.id, 'missing');
      if (field === 'childIin') return fc.constantFrom(iin('2020-05-04', 300), iin('2019-01-02', 40));
      return fc.string({ minLength: 1, maxLength: Math.min(rule.max, 30) }).filter((s) => s.trim() !== '');
    case 'int':
      return fc.integer({ min: rule.min, max: rule.max });
    case 'boolean':
      return fc.boolean();
    case 'day':
      return fc
        .integer({ min: 0, max: 60 })
        .map((d) => new Date(Date.UTC(2026, 2, 1 + d)).toISOString().slice(0, 10));
    case 'instant':
      return fc.integer({ min: 0, max: 60 }).map((d) => new Date(Date.UTC(2026, 2, 1 + d, 5)).toISOString());
    case 'enum':
      return fc.constantFrom(...rule.values);
    case 'strings':
      return fc.array(fc.constantFrom('kk', 'ru'), { minLength: Math.max(rule.minItems, 1), maxLength: 2 });
    case 'documents':
      return fc.array(
        fc.record(
          {
            name: fc.constantFrom('справка.pdf', 'photo.jpg'),
            description: fc.string({ maxLength: 40 }),
            size: fc.nat(),
            sha256: fc.constant(SHA),
            contentType: fc.constantFrom('application/pdf', 'image/png'),
          },
          { requiredKeys: ['name'] },
        ),
        { minLength: 1, maxLength: 5 },
      );
    case 'ints':
      return fc.uniqueArray(fc.integer({ min: 2018, max: 2024 }), {
        minLength: rule.minItems,
        maxLength: Math.min(rule.maxItems, 3),
      });
    case 'calendar':
      return fc.constant(KZ_CALENDAR);
  }
}

function payloadsOf(kind: ActionKind): fc.Arbitrary<Record<string, unknown>> {
  const spec = PAYLOAD_SPECS[kind];
  const model = Object.fromEntries(Object.entries(spec).map(([f, rule]) => [f, arbitraryOf(rule, f)]));
  const requiredKeys = Object.entries(spec)
    .filter(([, rule]) => !rule.optional)
    .map(([f]) => f);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

// What only a handler can judge (it needs the state): the extension's last day, places against the
// total, the IIN's digits, a field a draft already holds. Anything else is the table's to say.
const HANDLER_REASONS = new Set([
  'range',
  'exceedsTotal',
  'required',
  ...['length', 'digits', 'century', 'date', 'checksum', 'birthYear'],
]);

describe('the handlers agree with the table', () => {
  const apps = [
    application({ id: 'a1', status: 'responded', parentId: 'parent-1' }),
    application({ id: 'a2', status: 'waiting', parentId: 'parent-1' }),
  ];
  const state = stateOf({
    applications: apps,
    bulletins: [bulletin()],
    responses: [responseOf(apps[0])],
    referrals: [referralOf(apps[0], { validUntil: '2026-03-19' })],
  });

  it.each(ACTION_KINDS)('%s: every payload the table accepts passes the handler’s own validation', (kind) => {
    fc.assert(
      fc.property(payloadsOf(kind), fc.constantFrom(...ACTION_ROLES[kind]), (payload, role) => {
        expect(checkPayload(kind, payload)).toBeNull();
        const actor = role === 'parent' ? 'parent-1' : `${role}-1`;
        const input: ActionInput = action(kind, payload, { actorRole: role, actor });
        const r = applyAction(state, input, NOW);
        if (r.ok || r.error.code !== 'invalidPayload') return;
        const { field, reason } = r.error.params as { field: string; reason: string };
        // The handler may still refuse what needs the state, never the shape the table accepted.
        expect(HANDLER_REASONS.has(reason), `${kind}: ${field} ${reason}`).toBe(true);
        if (reason === 'required') expect((PAYLOAD_SPECS[kind] as PayloadSpec)[field]?.optional).toBe(true);
        if (reason === 'range') expect(field).toBe('until');
      }),
      { numRuns: 60 },
    );
  });
});
