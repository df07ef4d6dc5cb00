import { describe, expect, it } from 'vitest';
import {
  type ActionInput,
  type ActionResult,
  applyAction,
  type Change,
  DOMAIN_ERROR_CODES,
  type DomainState,
} from '../../../src/domain';
import type { Application } from '../../../src/schema';
import {
  action,
  application,
  bulletin,
  group,
  kindergarten,
  NOW,
  iin,
  referralOf,
  responseOf,
  stateOf,
} from './fixtures';
import { schemaErrors } from './schema-check';

/** Applies an action, checks every produced document against its schema, and returns the result. */
function run(state: DomainState, a: ActionInput, now = NOW): ActionResult {
  const result = applyAction(state, a, now);
  expect(schemaErrors(result)).toEqual([]);
  if (!result.ok) expect(DOMAIN_ERROR_CODES).toContain(result.error.code);
  return result;
}

function ok(state: DomainState, a: ActionInput, now = NOW) {
  const result = run(state, a, now);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result;
}

/** The state after the changes (what the server writes). */
function advance(state: DomainState, changes: Change[]): DomainState {
  const next = { ...state } as unknown as Record<string, Record<string, unknown>>;
  for (const c of changes) next[c.collection] = { ...next[c.collection], [c.doc.id]: c.doc };
  return next as unknown as DomainState;
}

function doc<T>(result: ActionResult, collection: string, id?: string): T {
  if (!result.ok) throw new Error('not ok');
  const c = result.changes.find((x) => x.collection === collection && (id === undefined || x.doc.id === id));
  if (!c) throw new Error(`no ${collection}/${id} in changes`);
  return c.doc as T;
}

const parent = (app: Application) => ({ actor: app.parentId, actorRole: 'parent' as const });

describe('applyAction: the parents’ journey of the seed', () => {
  it('files, responds, is activated, extends on the last day, and is enrolled', () => {
    let state = stateOf({});
    // 1. Filing: "Ваша заявка принята. Место в очереди …"
    const ahead = application({ id: 'ahead', filedAt: '2019-06-18T09:00:00+06:00' });
    state = stateOf({ applications: [ahead] });
    const childIin = '170720600126';
    const filed = ok(
      state,
      action(
        'application.file',
        {
          applicationId: 'app-dania',
          childId: 'child-dania',
          childIin,
          childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
          parentId: 'parent-ermek',
          groupType: 'ordinary',
          languages: ['kk', 'ru'],
          regionId: 'turkestan-region',
          localityId: 'turkestan',
          claimedPriority: 'none',
        },
        { actor: 'parent-ermek', actorRole: 'parent', occurredAt: '2019-06-19T11:57:00+06:00' },
      ),
    );
    const dania = doc<Application>(filed, 'applications', 'app-dania');
    expect(dania).toMatchObject({
      birthYear: 2017,
      status: 'waiting',
      priority: 'none',
      filedAt: '2019-06-19T11:57:00+06:00',
    });
    expect(filed.notifications).toEqual([
      {
        id: expect.stringMatching(/^ntf_/),
        recipientId: 'parent-ermek',
        kind: 'applicationAccepted',
        params: { applicationId: 'app-dania', childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА', queueNumber: 2 },
      },
    ]);
    state = advance(state, filed.changes);

    // 2. Staff publish a bulletin: the first N of the matching queue are told it is available to them.
    const published = ok(
      state,
      action(
        'bulletin.publish',
        {
          bulletinId: 'bul-1',
          groupId: group.id,
          totalPlaces: 3,
          freePlaces: 1,
          placeType: 'Свободные места',
          vacancyAt: '2026-03-13T18:00:00+05:00',
        },
        { occurredAt: '2026-03-13T09:00:00+05:00' },
      ),
    );
    expect(doc(published, 'bulletins')).toMatchObject({
      status: 'published',
      access: 'priority',
      language: 'kk',
      birthYears: [2017, 2016, 2015, 2014],
      localityId: 'turkestan',
      publishedAt: '2026-03-13T09:00:00+05:00',
      // Fri 13.03 + 3 working days: 16, 17, 18.03 → open to all from 19.03 00:00.
      priorityUntil: '2026-03-19T00:00:00+05:00',
    });
    expect(published.notifications.map((n) => [n.kind, n.recipientId])).toEqual([
      ['bulletinAvailable', ahead.parentId],
    ]);
    state = advance(state, published.changes);

    // During the window Dania (2nd in the queue, 1 place) may not respond yet.
    const early = run(
      state,
      action(
        'application.respond',
        { applicationId: 'app-dania', bulletinId: 'bul-1' },
        { ...parent(dania), occurredAt: '2026-03-16T10:00:00+05:00' },
      ),
    );
    expect(early).toEqual({ ok: false, error: { code: 'cannotRespond', params: { reasons: ['access'] } } });

    // 3. After the window: "Вы откликнулись на бюллетень. Дождитесь активации вашей заявки".
    const respondAction = action(
      'application.respond',
      { applicationId: 'app-dania', bulletinId: 'bul-1' },
      { ...parent(dania), occurredAt: '2026-03-19T09:00:00+05:00' },
    );
    const responded = ok(state, respondAction);
    expect(doc(responded, 'responses')).toMatchObject({
      id: `resp_${respondAction.id}`,
      status: 'active',
      childIin,
      priority: 'none',
      filedAt: dania.filedAt,
    });
    expect(doc<Application>(responded, 'applications').status).toBe('responded');
    expect(responded.notifications[0]).toMatchObject({
      kind: 'responded',
      params: { bulletinId: 'bul-1', kindergartenId: kindergarten.id },
    });
    state = advance(state, responded.changes);

    // 4. Staff activate: a referral valid to 31.03.2026.
    const activation = action(
      'response.activate',
      { responseId: `resp_${respondAction.id}` },
      { occurredAt: '2026-03-19T10:42:00+05:00' },
    );
    const activated = ok(state, activation);
    const referral = doc<{ id: string; validUntil: string; verificationCode: string; status: string }>(
      activated,
      'referrals',
    );
    expect(referral).toMatchObject({
      id: `ref_${activation.id}`,
      validUntil: '2026-03-31',
      status: 'active',
    });
    expect(referral.verificationCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(doc<Application>(activated, 'applications').status).toBe('referred');
    expect(activated.notifications[0]).toMatchObject({
      kind: 'referralIssued',
      params: {
        validUntil: '2026-03-31',
        groupName: group.name,
        kindergartenNameRu: kindergarten.nameRu,
        workingDays: 5,
        stopListDays: 10,
      },
    });
    // The referral holds the bulletin's one free place: it is no longer free.
    expect(doc(activated, 'bulletins')).toMatchObject({ freePlaces: 0, totalPlaces: 3 });
    state = advance(state, activated.changes);

    // 5. Extension on the last valid day, by the parent, with a document.
    const tooEarly = run(
      state,
      action(
        'referral.extend',
        { referralId: referral.id, reason: 'болезнь', documents: [{ name: 'справка.pdf' }] },
        { ...parent(dania), occurredAt: '2026-03-30T10:00:00+05:00' },
      ),
    );
    expect(tooEarly).toEqual({
      ok: false,
      error: { code: 'cannotExtend', params: { referralId: referral.id, reasons: ['notLastDay'] } },
    });
    const extended = ok(
      state,
      action(
        'referral.extend',
        {
          referralId: referral.id,
          reason: 'болезнь',
          documents: [{ name: 'справка.pdf', description: 'медицинская справка', size: 1024 }],
        },
        { ...parent(dania), occurredAt: '2026-03-31T10:00:00+05:00' },
      ),
    );
    expect(doc(extended, 'referrals')).toMatchObject({
      extendedUntil: '2026-04-30',
      extension: { reason: 'болезнь', recordedBy: 'parent-ermek' },
    });
    expect(extended.notifications[0]).toMatchObject({
      kind: 'referralExtended',
      params: { extendedUntil: '2026-04-30' },
    });
    state = advance(state, extended.changes);

    // 6. Contract: "Договор успешно подписан. Ваш ребенок … зачислен в …".
    const signed = ok(
      state,
      action(
        'referral.signContract',
        { referralId: referral.id, contractNumber: '№ 17', contractDate: '2026-04-20' },
        { occurredAt: '2026-04-20T16:39:00+05:00' },
      ),
    );
    // The held place becomes the child's: the bulletin does not lose a second one.
    expect(signed.changes.some((c) => c.collection === 'bulletins')).toBe(false);
    expect(doc(signed, 'groups')).toMatchObject({ enrolled: group.enrolled + 1 });
    expect(doc(signed, 'applications')).toMatchObject({
      status: 'enrolled',
      enrolledKindergartenId: kindergarten.id,
      enrolledGroupId: group.id,
    });
    expect(doc(signed, 'referrals')).toMatchObject({
      status: 'enrolled',
      contractNumber: '№ 17',
      contractDate: '2026-04-20',
    });
    expect(signed.notifications[0]).toMatchObject({
      kind: 'contractSigned',
      recipientId: 'parent-ermek',
      params: {
        childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
        kindergartenNameRu: kindergarten.nameRu,
        groupName: group.name,
      },
    });
  });
});

describe('applyAction: applications', () => {
  const filePayload = (over: Record<string, unknown> = {}) => ({
    applicationId: 'app-new',
    childId: 'child-new',
    childIin: '170720600126',
    childName: 'КАМЕНОВА ДАНИЯ',
    parentId: 'parent-ermek',
    groupType: 'ordinary',
    languages: ['kk'],
    regionId: 'turkestan-region',
    localityId: 'turkestan',
    claimedPriority: 'primary',
    ...over,
  });
  const asParent = { actor: 'parent-ermek', actorRole: 'parent' as const };

  it('allows one active application per child per locality', () => {
    const existing = application({ id: 'old', childId: 'child-new', childIin: '170720600126' });
    const r = run(stateOf({ applications: [existing] }), action('application.file', filePayload(), asParent));
    expect(r).toEqual({
      ok: false,
      error: { code: 'duplicateApplication', params: { applicationId: 'old' } },
    });
    const elsewhere = run(
      stateOf({ applications: [existing] }),
      action('application.file', filePayload({ localityId: 'arys' }), asParent),
    );
    expect(elsewhere.ok).toBe(true);
    const withdrawn = run(
      stateOf({ applications: [{ ...existing, status: 'withdrawn' }] }),
      action('application.file', filePayload(), asParent),
    );
    expect(withdrawn.ok).toBe(true);
    const sameId = run(
      stateOf({
        applications: [{ ...existing, id: 'app-new', childId: 'x', childIin: iin('2016-01-01', 5) }],
      }),
      action('application.file', filePayload(), asParent),
    );
    expect(sameId).toMatchObject({ ok: false, error: { code: 'duplicateApplication' } });
  });

  it('keeps the claimed priority unconfirmed ("none") and the batch id of twins', () => {
    const r = ok(stateOf({}), action('application.file', filePayload({ batchId: 'twins-1' }), asParent));
    expect(doc(r, 'applications')).toMatchObject({
      priority: 'none',
      claimedPriority: 'primary',
      batchId: 'twins-1',
    });
  });

  it('names the bad field of a payload', () => {
    expect(
      run(stateOf({}), action('application.file', filePayload({ childIin: '170720600121' }), asParent)),
    ).toEqual({
      ok: false,
      error: { code: 'invalidPayload', params: { field: 'childIin', reason: 'checksum' } },
    });
    expect(
      run(stateOf({}), action('application.file', filePayload({ childIin: '940225300128' }), asParent)),
    ).toEqual({
      ok: false,
      error: { code: 'invalidPayload', params: { field: 'childIin', reason: 'birthYear' } },
    });
    expect(
      run(stateOf({}), action('application.file', filePayload({ languages: [] }), asParent)),
    ).toMatchObject({
      error: { code: 'invalidPayload', params: { field: 'languages', reason: 'empty' } },
    });
    expect(
      run(stateOf({}), action('application.file', filePayload({ claimedPriority: 'vip' }), asParent)),
    ).toMatchObject({
      error: { params: { field: 'claimedPriority', reason: 'value' } },
    });
    expect(
      run(stateOf({}), action('application.file', { ...filePayload(), childName: undefined }, asParent)),
    ).toMatchObject({
      error: { params: { field: 'childName', reason: 'required' } },
    });
    expect(
      run(stateOf({}), action('application.file', 'nope' as unknown as Record<string, unknown>, asParent)),
    ).toMatchObject({
      error: { code: 'invalidPayload', params: { field: 'payload' } },
    });
  });

  it('lets a parent file only for themself, and staff not at all', () => {
    expect(
      run(
        stateOf({}),
        action('application.file', filePayload(), { actor: 'someone-else', actorRole: 'parent' }),
      ),
    ).toMatchObject({
      error: { code: 'forbidden', params: { scope: 'parent' } },
    });
    expect(run(stateOf({}), action('application.file', filePayload()))).toMatchObject({
      error: { code: 'forbidden', params: { role: 'staff' } },
    });
  });

  it('withdraws: "Вы успешно отозвали заявку"; its responses are withdrawn and an active referral annulled', () => {
    const app = application({ id: 'a1', status: 'referred' });
    const resp = responseOf(app, { status: 'activated' });
    const other = responseOf(app, { id: 'resp-other', bulletinId: 'bul-2', status: 'active' });
    const ref = referralOf(app);
    const r = ok(
      stateOf({ applications: [app], responses: [resp, other], referrals: [ref] }),
      action('application.withdraw', { applicationId: 'a1' }, parent(app)),
    );
    expect(doc(r, 'applications')).toMatchObject({ status: 'withdrawn' });
    expect(doc(r, 'responses', 'resp-other')).toMatchObject({ status: 'withdrawn' });
    expect(doc(r, 'referrals')).toMatchObject({ status: 'annulled' });
    expect(r.notifications[0]).toMatchObject({ kind: 'applicationWithdrawn', recipientId: app.parentId });
    const again = run(
      advance(stateOf({ applications: [app] }), r.changes),
      action('application.withdraw', { applicationId: 'a1' }, parent(app)),
    );
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'wrongStatus', params: { collection: 'applications', id: 'a1', status: 'withdrawn' } },
    });
  });

  it('answers notFound with the collection and id', () => {
    expect(
      run(
        stateOf({}),
        action('application.withdraw', { applicationId: 'ghost' }, { actor: 'p', actorRole: 'parent' }),
      ),
    ).toEqual({
      ok: false,
      error: { code: 'notFound', params: { collection: 'applications', id: 'ghost' } },
    });
  });

  it('counts a category only once a supervisor confirms it; open responses follow', () => {
    const app = application({ id: 'a1', claimedPriority: 'primary', status: 'responded' });
    const state = stateOf({ applications: [app], responses: [responseOf(app)] });
    const sup = { actor: 'sup-1', actorRole: 'supervisor' as const };
    const yes = ok(
      state,
      action('application.confirmPriority', { applicationId: 'a1', confirmed: true }, sup),
    );
    expect(doc(yes, 'applications')).toMatchObject({ priority: 'primary', priorityConfirmedBy: 'sup-1' });
    expect(doc(yes, 'responses')).toMatchObject({ priority: 'primary' });
    const no = ok(
      state,
      action('application.confirmPriority', { applicationId: 'a1', confirmed: false }, sup),
    );
    expect(doc(no, 'applications')).toMatchObject({ priority: 'none' });
    expect(
      run(state, action('application.confirmPriority', { applicationId: 'a1', confirmed: 'yes' }, sup)),
    ).toMatchObject({
      error: { code: 'invalidPayload', params: { field: 'confirmed' } },
    });
    expect(
      run(
        state,
        action('application.confirmPriority', { applicationId: 'a1', confirmed: true }, parent(app)),
      ),
    ).toMatchObject({
      error: { code: 'forbidden' },
    });
    expect(
      run(
        stateOf({ applications: [{ ...app, status: 'enrolled' }] }),
        action('application.confirmPriority', { applicationId: 'a1', confirmed: true }, sup),
      ),
    ).toMatchObject({
      error: { code: 'wrongStatus' },
    });
  });

  it('suspends an unconfirmed application and restores it within 28 days, not after', () => {
    const app = application({ id: 'a1' });
    const system = { actor: 'scheduler', actorRole: 'system' as const };
    const suspended = ok(
      stateOf({ applications: [app] }),
      action('application.suspend', { applicationId: 'a1' }, system),
      '2026-03-01T00:00:00Z',
    );
    expect(doc(suspended, 'applications')).toMatchObject({ status: 'inactive' });
    expect(suspended.notifications[0]).toMatchObject({
      kind: 'applicationSuspended',
      params: { restoreWithinDays: 28 },
    });
    const state = advance(stateOf({}), suspended.changes);
    const restored = ok(
      state,
      action(
        'application.confirmInterest',
        { applicationId: 'a1' },
        { ...parent(app), occurredAt: '2026-03-29T00:00:00Z' },
      ),
    );
    expect(doc(restored, 'applications')).toMatchObject({
      status: 'waiting',
      interestConfirmedAt: '2026-03-29T00:00:00Z',
    });
    expect(
      run(
        state,
        action(
          'application.confirmInterest',
          { applicationId: 'a1' },
          { ...parent(app), occurredAt: '2026-03-29T00:00:01Z' },
        ),
      ),
    ).toMatchObject({
      error: { code: 'restoreExpired', params: { days: 28 } },
    });
    expect(run(state, action('application.suspend', { applicationId: 'a1' }, system))).toMatchObject({
      error: { code: 'wrongStatus' },
    });
  });

  it('records "Заинтересован" on a waiting application; not on a withdrawn one', () => {
    const app = application({ id: 'a1' });
    const r = ok(
      stateOf({ applications: [app] }),
      action('application.confirmInterest', { applicationId: 'a1' }, parent(app)),
    );
    expect(doc(r, 'applications')).toMatchObject({
      status: 'waiting',
      interestConfirmedAt: '2026-03-19T10:42:00+05:00',
    });
    expect(
      run(
        stateOf({ applications: [{ ...app, status: 'withdrawn' }] }),
        action('application.confirmInterest', { applicationId: 'a1' }, parent(app)),
      ),
    ).toMatchObject({
      error: { code: 'wrongStatus' },
    });
  });

  it('ends a stop-list only after its last day, back to waiting with the original filing time', () => {
    const app = application({ id: 'a1', status: 'stopListed', stopListUntil: '2026-04-14' });
    const system = { actor: 'scheduler', actorRole: 'system' as const };
    expect(
      run(
        stateOf({ applications: [app] }),
        action(
          'application.endStopList',
          { applicationId: 'a1' },
          { ...system, occurredAt: '2026-04-14T23:00:00+05:00' },
        ),
      ),
    ).toMatchObject({
      error: { code: 'stopListNotOver', params: { until: '2026-04-14' } },
    });
    const r = ok(
      stateOf({ applications: [app] }),
      action(
        'application.endStopList',
        { applicationId: 'a1' },
        { ...system, occurredAt: '2026-04-15T00:00:00+05:00' },
      ),
    );
    const after = doc<Application>(r, 'applications');
    expect(after.status).toBe('waiting');
    expect(after.stopListUntil).toBeUndefined();
    expect(after.filedAt).toBe(app.filedAt);
    expect(r.notifications[0]).toMatchObject({ kind: 'stopListEnded' });
    expect(
      run(
        stateOf({ applications: [{ ...app, status: 'waiting' }] }),
        action('application.endStopList', { applicationId: 'a1' }, system),
      ),
    ).toMatchObject({
      error: { code: 'wrongStatus' },
    });
  });

  it('refuses to respond to a bulletin that does not match, naming the reasons', () => {
    const app = application({ id: 'a1', languages: ['ru'] });
    const r = run(
      stateOf({ applications: [app], bulletins: [bulletin()] }),
      action('application.respond', { applicationId: 'a1', bulletinId: 'bul-1' }, parent(app)),
    );
    expect(r).toEqual({ ok: false, error: { code: 'cannotRespond', params: { reasons: ['language'] } } });
    expect(
      run(
        stateOf({ applications: [app] }),
        action('application.respond', { applicationId: 'a1', bulletinId: 'bul-9' }, parent(app)),
      ),
    ).toMatchObject({
      error: { code: 'notFound', params: { collection: 'bulletins' } },
    });
    expect(
      run(
        stateOf({ applications: [app], bulletins: [bulletin()], kindergartens: [] }),
        action('application.respond', { applicationId: 'a1', bulletinId: 'bul-1' }, parent(app)),
      ),
    ).toMatchObject({
      error: { code: 'notFound', params: { collection: 'kindergartens' } },
    });
  });
});

describe('applyAction: activation in ranking order', () => {
  const first = application({ id: 'first', status: 'responded', filedAt: '2019-06-01T09:00:00+06:00' });
  const second = application({ id: 'second', status: 'responded', filedAt: '2019-06-02T09:00:00+06:00' });
  const base = (over: Partial<ReturnType<typeof bulletin>> = {}) =>
    stateOf({
      applications: [first, second],
      bulletins: [bulletin(over)],
      responses: [responseOf(first), responseOf(second)],
    });

  it('refuses to pass over a higher-ranked responder without a reason (outOfOrder)', () => {
    expect(run(base(), action('response.activate', { responseId: 'resp-second' }))).toEqual({
      ok: false,
      error: { code: 'outOfOrder', params: { responseId: 'resp-second', higherRankedIds: ['resp-first'] } },
    });
  });

  it('records the reason and whom it passed over; the passed-over responder stays active', () => {
    const r = ok(
      base(),
      action('response.activate', {
        responseId: 'resp-second',
        skipReason: 'родитель не отвечает на звонки',
      }),
    );
    expect(doc(r, 'responses', 'resp-second')).toMatchObject({
      status: 'activated',
      skipReason: 'родитель не отвечает на звонки',
      skippedResponseIds: ['resp-first'],
    });
    expect(r.changes.some((c) => c.doc.id === 'resp-first')).toBe(false);
  });

  it('says who already activated a response, when and on which workstation', () => {
    const done = responseOf(first, {
      status: 'activated',
      activatedBy: 'staff-2',
      activatedAt: '2026-03-19T10:42:00+05:00',
      activatedDeviceId: 'desk-2',
    });
    const state = stateOf({
      applications: [{ ...first, status: 'referred' }],
      bulletins: [bulletin()],
      responses: [done],
    });
    expect(run(state, action('response.activate', { responseId: 'resp-first' }))).toEqual({
      ok: false,
      error: {
        code: 'alreadyActivated',
        params: {
          responseId: 'resp-first',
          by: 'staff-2',
          at: '2026-03-19T10:42:00+05:00',
          deviceId: 'desk-2',
        },
      },
    });
  });

  it('takes the place from the bulletin at once: no activation once its free places are held', () => {
    const state = stateOf({
      applications: [first, second],
      bulletins: [bulletin({ freePlaces: 1, totalPlaces: 2 })],
      responses: [responseOf(first), responseOf(second)],
    });
    const activated = ok(state, action('response.activate', { responseId: 'resp-first' }));
    expect(doc(activated, 'bulletins')).toMatchObject({ freePlaces: 0 });
    expect(
      run(advance(state, activated.changes), action('response.activate', { responseId: 'resp-second' })),
    ).toEqual({
      ok: false,
      error: { code: 'noFreePlaces', params: { bulletinId: 'bul-1', freePlaces: 0 } },
    });
  });

  it('activates twins only when the bulletin has places for all of them', () => {
    const t1 = { ...first, batchId: 'twins' };
    const t2 = { ...second, batchId: 'twins' };
    const state = (free: number) =>
      stateOf({
        applications: [t1, t2],
        bulletins: [bulletin({ freePlaces: free })],
        responses: [responseOf(t1), responseOf(t2)],
      });
    expect(run(state(1), action('response.activate', { responseId: 'resp-first' }))).toEqual({
      ok: false,
      error: { code: 'batchPlaces', params: { batchId: 'twins', needed: 2, available: 1 } },
    });
    expect(run(state(2), action('response.activate', { responseId: 'resp-second' })).ok).toBe(true);
  });

  it('closes the child’s other open responses when it is referred', () => {
    const elsewhere = responseOf(first, { id: 'resp-elsewhere', bulletinId: 'bul-2' });
    const state = stateOf({
      applications: [first],
      bulletins: [bulletin()],
      responses: [responseOf(first), elsewhere],
    });
    const r = ok(state, action('response.activate', { responseId: 'resp-first' }));
    expect(doc(r, 'responses', 'resp-elsewhere')).toMatchObject({ status: 'closed' });
  });

  it('lets staff act only on their own kindergarten', () => {
    expect(
      run(base(), action('response.activate', { responseId: 'resp-first' }, { kindergartenId: 'kg-other' })),
    ).toMatchObject({
      error: { code: 'forbidden', params: { scope: 'kindergarten' } },
    });
    expect(
      run(
        base(),
        action(
          'response.activate',
          { responseId: 'resp-first' },
          { actor: 'sup', actorRole: 'supervisor', kindergartenId: 'kg-other' },
        ),
      ).ok,
    ).toBe(true);
  });

  it('checks the expected statuses of the response, bulletin and application', () => {
    expect(
      run(base({ status: 'closed' }), action('response.activate', { responseId: 'resp-first' })),
    ).toMatchObject({ error: { code: 'wrongStatus', params: { collection: 'bulletins' } } });
    const closed = stateOf({
      applications: [first],
      bulletins: [bulletin()],
      responses: [responseOf(first, { status: 'closed' })],
    });
    expect(run(closed, action('response.activate', { responseId: 'resp-first' }))).toMatchObject({
      error: { code: 'wrongStatus', params: { collection: 'responses' } },
    });
    const waiting = stateOf({
      applications: [{ ...first, status: 'waiting' }],
      bulletins: [bulletin()],
      responses: [responseOf(first)],
    });
    expect(run(waiting, action('response.activate', { responseId: 'resp-first' }))).toMatchObject({
      error: { code: 'wrongStatus', params: { collection: 'applications' } },
    });
  });

  it('drops storage meta fields and leaves unloaded names out of notification params', () => {
    const withMeta = {
      ...first,
      _deleted: false,
      _rev: '1-abc',
      _meta: { lwt: 1 },
    } as unknown as Application;
    const state = stateOf({
      applications: [withMeta],
      bulletins: [bulletin()],
      responses: [responseOf(first)],
      kindergartens: [],
    });
    const r = ok(state, action('response.activate', { responseId: 'resp-first' }));
    expect(Object.keys(doc(r, 'applications')).some((k) => k.startsWith('_'))).toBe(false);
    expect(r.notifications[0].params).not.toHaveProperty('kindergartenNameRu');
  });

  it('is idempotent: the same action on the same state gives the same documents and ids', () => {
    const a = action('response.activate', { responseId: 'resp-first' });
    expect(applyAction(base(), a, NOW)).toEqual(applyAction(base(), a, NOW));
  });
});

describe('applyAction: referral deadlines', () => {
  const app = application({ id: 'a1', status: 'referred' });
  const ref = referralOf(app);
  // The referral holds one of the bulletin's three places.
  const state = () =>
    stateOf({
      applications: [app],
      bulletins: [bulletin({ freePlaces: 2 })],
      responses: [responseOf(app, { status: 'activated' })],
      referrals: [ref],
    });
  const system = { actor: 'scheduler', actorRole: 'system' as const };

  it('does not expire a referral during its last valid day', () => {
    expect(
      run(
        state(),
        action(
          'referral.expire',
          { referralId: ref.id },
          { ...system, occurredAt: '2026-03-31T23:59:00+05:00' },
        ),
      ),
    ).toEqual({
      ok: false,
      error: { code: 'notExpired', params: { referralId: ref.id, lastValidDay: '2026-03-31' } },
    });
  });

  it('expires it after: stop-list for 10 working days, the held place is free again', () => {
    const r = ok(
      state(),
      action(
        'referral.expire',
        { referralId: ref.id },
        { ...system, occurredAt: '2026-04-01T00:05:00+05:00' },
      ),
    );
    expect(doc(r, 'referrals')).toMatchObject({ status: 'expired' });
    expect(doc(r, 'applications')).toMatchObject({ status: 'stopListed', stopListUntil: '2026-04-14' });
    expect(doc(r, 'responses')).toMatchObject({ status: 'closed' });
    expect(doc(r, 'bulletins')).toMatchObject({ freePlaces: 3, totalPlaces: 3 });
    expect(r.notifications[0]).toMatchObject({
      kind: 'referralExpired',
      params: { stopListUntil: '2026-04-14', stopListDays: 10 },
    });
  });

  it('records a no-show by staff as annulled, counting calendar days where the region says so', () => {
    const s = { ...state(), settings: { stopListUnit: 'calendar' as const } };
    const r = ok(
      s,
      action('referral.noShow', { referralId: ref.id }, { occurredAt: '2026-04-01T09:00:00+05:00' }),
    );
    expect(doc(r, 'referrals')).toMatchObject({ status: 'annulled' });
    expect(doc(r, 'applications')).toMatchObject({ stopListUntil: '2026-04-10' });
    expect(doc(r, 'bulletins')).toMatchObject({ freePlaces: 3 });
  });

  it('counts from the extension when there is one', () => {
    const s = stateOf({
      applications: [app],
      bulletins: [bulletin()],
      referrals: [{ ...ref, extendedUntil: '2026-04-30' }],
    });
    expect(
      run(s, action('referral.noShow', { referralId: ref.id }, { occurredAt: '2026-04-01T09:00:00+05:00' })),
    ).toMatchObject({ error: { code: 'notExpired' } });
  });

  it('extends once only, within 30 days, with at least one document', () => {
    const parentActor = {
      actor: app.parentId,
      actorRole: 'parent' as const,
      occurredAt: '2026-03-31T12:00:00+05:00',
    };
    expect(
      run(
        state(),
        action('referral.extend', { referralId: ref.id, reason: 'болезнь', documents: [] }, parentActor),
      ),
    ).toMatchObject({
      error: { code: 'invalidPayload', params: { field: 'documents', reason: 'empty' } },
    });
    expect(
      run(
        state(),
        action(
          'referral.extend',
          { referralId: ref.id, reason: 'болезнь', documents: [{ name: 'a', size: -1 }] },
          parentActor,
        ),
      ),
    ).toMatchObject({
      error: { params: { field: 'documents', reason: 'size' } },
    });
    expect(
      run(
        state(),
        action(
          'referral.extend',
          { referralId: ref.id, reason: 'болезнь', documents: [{ name: 'a' }], until: '2026-05-01' },
          parentActor,
        ),
      ),
    ).toMatchObject({
      error: { code: 'invalidPayload', params: { field: 'until', max: '2026-04-30' } },
    });
    // A document attached on a workstation names its digest and type; anything else is refused.
    for (const [bad, reason] of [
      [{ name: 'a', sha256: 'ABC' }, 'sha256'],
      [{ name: 'a', sha256: 'f'.repeat(64), contentType: 'text/html' }, 'contentType'],
    ] as const) {
      expect(
        run(
          state(),
          action('referral.extend', { referralId: ref.id, reason: 'x', documents: [bad] }, parentActor),
        ),
      ).toMatchObject({ error: { params: { field: 'documents', reason } } });
    }
    expect(
      run(
        state(),
        action(
          'referral.extend',
          {
            referralId: ref.id,
            reason: 'x',
            documents: Array.from({ length: 6 }, (_, i) => ({ name: `d${i}` })),
          },
          parentActor,
        ),
      ),
    ).toMatchObject({ error: { params: { field: 'documents', reason: 'items' } } });
    const withFile = ok(
      state(),
      action(
        'referral.extend',
        {
          referralId: ref.id,
          reason: 'x',
          documents: [{ name: 'a.pdf', size: 9, sha256: 'a'.repeat(64), contentType: 'application/pdf' }],
        },
        parentActor,
      ),
    );
    // The referral keeps what a reader needs (name, size); the digest stays in the action.
    expect(doc(withFile, 'referrals')).toMatchObject({
      extension: { documents: [{ name: 'a.pdf', size: 9 }] },
    });
    const shorter = ok(
      state(),
      action(
        'referral.extend',
        { referralId: ref.id, reason: 'болезнь', documents: [{ name: 'a' }], until: '2026-04-10' },
        parentActor,
      ),
    );
    expect(doc(shorter, 'referrals')).toMatchObject({ extendedUntil: '2026-04-10' });
    const again = run(
      advance(state(), shorter.changes),
      action(
        'referral.extend',
        { referralId: ref.id, reason: 'ещё', documents: [{ name: 'b' }] },
        parentActor,
      ),
    );
    expect(again).toMatchObject({
      error: { code: 'cannotExtend', params: { reasons: ['alreadyExtended'] } },
    });
    expect(
      run(
        state(),
        action(
          'referral.extend',
          { referralId: ref.id, reason: 'x', documents: [{ name: 'a' }] },
          { ...parentActor, actor: 'stranger' },
        ),
      ),
    ).toMatchObject({
      error: { code: 'forbidden', params: { scope: 'parent' } },
    });
  });

  it('signs a contract only while the referral is valid, into a group with room', () => {
    const sign = (occurredAt: string) =>
      action(
        'referral.signContract',
        { referralId: ref.id, contractNumber: '17', contractDate: '2026-03-25' },
        { occurredAt },
      );
    expect(run(state(), sign('2026-04-01T09:00:00+05:00'))).toMatchObject({
      error: { code: 'referralLapsed', params: { lastValidDay: '2026-03-31' } },
    });
    const full = { ...state(), groups: { [group.id]: { ...group, enrolled: 25 } } };
    expect(run(full, sign('2026-03-25T09:00:00+05:00'))).toMatchObject({
      error: { code: 'groupFull', params: { capacity: 25 } },
    });
    // The last place of the bulletin is the one this referral holds: it is signed into.
    const last = { ...state(), bulletins: { 'bul-1': bulletin({ freePlaces: 0, totalPlaces: 1 }) } };
    expect(ok(last, sign('2026-03-25T09:00:00+05:00')).changes.map((c) => c.collection)).not.toContain(
      'bulletins',
    );
    expect(
      run(
        state(),
        action('referral.signContract', {
          referralId: ref.id,
          contractNumber: '17',
          contractDate: '25.03.2026',
        }),
      ),
    ).toMatchObject({
      error: { code: 'invalidPayload', params: { field: 'contractDate', reason: 'day' } },
    });
    const signed = stateOf({
      applications: [app],
      bulletins: [bulletin()],
      referrals: [{ ...ref, status: 'enrolled' }],
    });
    expect(run(signed, sign('2026-03-25T09:00:00+05:00'))).toMatchObject({
      error: { code: 'wrongStatus', params: { collection: 'referrals' } },
    });
    expect(
      run(
        state(),
        action(
          'referral.signContract',
          { referralId: ref.id, contractNumber: '17', contractDate: '2026-03-25' },
          { actor: app.parentId, actorRole: 'parent' },
        ),
      ),
    ).toMatchObject({
      error: { code: 'forbidden' },
    });
  });
});

describe('applyAction: bulletins', () => {
  const payload = {
    bulletinId: 'bul-new',
    groupId: group.id,
    totalPlaces: 2,
    freePlaces: 2,
    placeType: 'Свободные места',
    vacancyAt: '2026-03-13T18:00:00+05:00',
  };

  it('saves a draft, then publishes it with only its id', () => {
    const draft = ok(stateOf({}), action('bulletin.saveDraft', payload));
    expect(doc(draft, 'bulletins')).toMatchObject({
      status: 'draft',
      access: 'priority',
      authorId: 'staff-isenova',
      ageGroup: 'mixed', // the group's «Разновозрастная группа» as its code (issue 14, item 6)
    });
    const pub = ok(
      advance(stateOf({}), draft.changes),
      action('bulletin.publish', { bulletinId: 'bul-new' }, { occurredAt: '2026-03-19T10:00:00+05:00' }),
    );
    // Thu 19.03 + 3 working days: 20, 26, 27.03 → open to all from 28.03.
    expect(doc(pub, 'bulletins')).toMatchObject({
      status: 'published',
      priorityUntil: '2026-03-28T00:00:00+05:00',
      totalPlaces: 2,
    });
  });

  it('uses the region’s priority window length', () => {
    const s = { ...stateOf({}), settings: { priorityWindowWorkingDays: 1 } };
    const pub = ok(s, action('bulletin.publish', payload, { occurredAt: '2026-03-19T10:00:00+05:00' }));
    expect(doc(pub, 'bulletins')).toMatchObject({ priorityUntil: '2026-03-21T00:00:00+05:00' });
  });

  it('refuses more free places than places, a closed group, another kindergarten’s group, and a republish', () => {
    expect(run(stateOf({}), action('bulletin.publish', { ...payload, freePlaces: 3 }))).toMatchObject({
      error: { code: 'invalidPayload', params: { field: 'freePlaces', reason: 'exceedsTotal' } },
    });
    expect(
      run(stateOf({ groups: [{ ...group, status: 'closed' }] }), action('bulletin.publish', payload)),
    ).toMatchObject({ error: { code: 'groupClosed' } });
    expect(
      run(stateOf({}), action('bulletin.publish', payload, { kindergartenId: 'kg-other' })),
    ).toMatchObject({ error: { code: 'forbidden' } });
    expect(
      run(stateOf({ bulletins: [bulletin({ id: 'bul-new' })] }), action('bulletin.publish', payload)),
    ).toMatchObject({ error: { code: 'wrongStatus' } });
    expect(run(stateOf({}), action('bulletin.publish', { bulletinId: 'bul-new' }))).toMatchObject({
      error: { code: 'invalidPayload', params: { field: 'groupId', reason: 'required' } },
    });
    expect(run(stateOf({ kindergartens: [] }), action('bulletin.publish', payload))).toMatchObject({
      error: { code: 'notFound', params: { collection: 'kindergartens' } },
    });
    expect(
      run(stateOf({}), action('bulletin.publish', payload, { actor: 'p', actorRole: 'parent' })),
    ).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('refuses to offer more places than the group has free (capacity − enrolled − held − offered)', () => {
    // The seed's case: 2 places published in a group with 1 free.
    const oneFree = stateOf({ groups: [{ ...group, capacity: 25, enrolled: 24 }] });
    expect(run(oneFree, action('bulletin.publish', payload))).toEqual({
      ok: false,
      error: {
        code: 'groupPlaces',
        params: {
          groupId: group.id,
          requested: 2,
          capacity: 25,
          enrolled: 24,
          held: 0,
          free: 1,
          offered: 0,
          available: 1,
        },
      },
    });
    expect(ok(oneFree, action('bulletin.publish', { ...payload, freePlaces: 1 })).ok).toBe(true);
    // 25 − 20 enrolled − 2 held by referrals − 2 offered by another published bulletin = 1.
    const a1 = application({ id: 'a1', status: 'referred' });
    const a2 = application({ id: 'a2', status: 'referred' });
    const busy = stateOf({
      applications: [a1, a2],
      bulletins: [bulletin({ freePlaces: 2, totalPlaces: 4 })],
      referrals: [referralOf(a1), referralOf(a2), referralOf(a1, { id: 'old', status: 'expired' })],
    });
    expect(run(busy, action('bulletin.publish', payload))).toMatchObject({
      error: { code: 'groupPlaces', params: { held: 2, offered: 2, available: 1 } },
    });
    // A draft offers nothing yet; the check is made when it is published.
    expect(ok(busy, action('bulletin.saveDraft', payload)).ok).toBe(true);
    // Raising a published bulletin's places is checked the same way (the bulletin's own offer aside).
    expect(run(busy, action('bulletin.edit', { bulletinId: 'bul-1', freePlaces: 4 }))).toMatchObject({
      error: { code: 'placesReserved' },
    });
    const roomy = { ...busy, bulletins: { 'bul-1': bulletin({ freePlaces: 1, totalPlaces: 9 }) } };
    expect(run(roomy, action('bulletin.edit', { bulletinId: 'bul-1', freePlaces: 2 })).ok).toBe(true);
    expect(run(roomy, action('bulletin.edit', { bulletinId: 'bul-1', freePlaces: 4 }))).toMatchObject({
      error: { code: 'groupPlaces', params: { free: 3, offered: 0, available: 3, requested: 4 } },
    });
  });

  it('edits places but keeps those held by active referrals within the bulletin’s places', () => {
    const app = application({ id: 'a1', status: 'referred' });
    const s = stateOf({
      applications: [app],
      bulletins: [bulletin({ freePlaces: 2 })],
      referrals: [referralOf(app)],
    });
    expect(
      ok(s, action('bulletin.edit', { bulletinId: 'bul-1', freePlaces: 1 })).changes[0].doc,
    ).toMatchObject({ freePlaces: 1, totalPlaces: 3 });
    expect(
      ok(s, action('bulletin.edit', { bulletinId: 'bul-1', freePlaces: 0 })).changes[0].doc,
    ).toMatchObject({ freePlaces: 0 });
    expect(run(s, action('bulletin.edit', { bulletinId: 'bul-1', freePlaces: 3 }))).toMatchObject({
      error: { code: 'placesReserved', params: { reserved: 1 } },
    });
    expect(run(s, action('bulletin.edit', { bulletinId: 'bul-1', freePlaces: 4 }))).toMatchObject({
      error: { params: { reason: 'exceedsTotal' } },
    });
    expect(run(s, action('bulletin.edit', { bulletinId: 'bul-1', vacancyAt: 'soon' }))).toMatchObject({
      error: { params: { field: 'vacancyAt', reason: 'timestamp' } },
    });
    expect(
      run(
        stateOf({ bulletins: [bulletin({ status: 'closed' })] }),
        action('bulletin.edit', { bulletinId: 'bul-1', freePlaces: 1 }),
      ),
    ).toMatchObject({ error: { code: 'wrongStatus' } });
  });

  it('closes a bulletin: open responses close and their applications wait again', () => {
    const app = application({ id: 'a1', status: 'responded' });
    const r = ok(
      stateOf({ applications: [app], bulletins: [bulletin()], responses: [responseOf(app)] }),
      action('bulletin.close', { bulletinId: 'bul-1' }),
    );
    expect(doc(r, 'bulletins')).toMatchObject({ status: 'closed' });
    expect(doc(r, 'responses')).toMatchObject({ status: 'closed' });
    expect(doc(r, 'applications')).toMatchObject({ status: 'waiting' });
    expect(
      run(
        stateOf({ bulletins: [bulletin({ status: 'draft' })] }),
        action('bulletin.close', { bulletinId: 'bul-1' }),
      ),
    ).toMatchObject({ error: { code: 'wrongStatus' } });
  });

  it('withdraws a bulletin only while no referral holds one of its places', () => {
    const app = application({ id: 'a1', status: 'referred' });
    expect(
      run(
        stateOf({ applications: [app], bulletins: [bulletin()], referrals: [referralOf(app)] }),
        action('bulletin.withdraw', { bulletinId: 'bul-1' }),
      ),
    ).toMatchObject({
      error: { code: 'placesReserved' },
    });
    expect(
      doc(
        ok(
          stateOf({ bulletins: [bulletin({ status: 'draft' })] }),
          action('bulletin.withdraw', { bulletinId: 'bul-1' }),
        ),
        'bulletins',
      ),
    ).toMatchObject({ status: 'withdrawn' });
    expect(
      run(
        stateOf({ bulletins: [bulletin({ status: 'closed' })] }),
        action('bulletin.withdraw', { bulletinId: 'bul-1' }),
      ),
    ).toMatchObject({ error: { code: 'wrongStatus' } });
  });

  it('opens to all only after the priority window, except by a supervisor', () => {
    const s = stateOf({
      bulletins: [bulletin({ access: 'priority', priorityUntil: '2026-03-28T00:00:00+05:00' })],
    });
    expect(
      run(
        s,
        action('bulletin.openToAll', { bulletinId: 'bul-1' }, { actor: 'scheduler', actorRole: 'system' }),
      ),
    ).toMatchObject({
      error: { code: 'priorityWindow', params: { until: '2026-03-28T00:00:00+05:00' } },
    });
    expect(
      doc(
        ok(
          s,
          action(
            'bulletin.openToAll',
            { bulletinId: 'bul-1' },
            { actor: 'scheduler', actorRole: 'system', occurredAt: '2026-03-28T00:00:00+05:00' },
          ),
        ),
        'bulletins',
      ),
    ).toMatchObject({ access: 'all' });
    expect(
      run(s, action('bulletin.openToAll', { bulletinId: 'bul-1' }, { actor: 'sup', actorRole: 'supervisor' }))
        .ok,
    ).toBe(true);
    expect(
      run(stateOf({ bulletins: [bulletin()] }), action('bulletin.openToAll', { bulletinId: 'bul-1' })),
    ).toMatchObject({ error: { code: 'wrongStatus' } });
  });
});

describe('applyAction: malformed actions', () => {
  it('answers an unknown kind, a bad action, a bad state or a bad clock with a code', () => {
    expect(
      applyAction(
        stateOf({}),
        { ...action('bulletin.close', {}), kind: 'bulletin.burn' as 'bulletin.close' },
        NOW,
      ),
    ).toMatchObject({ error: { code: 'unknownKind' } });
    expect(
      applyAction(stateOf({}), { ...action('bulletin.close', {}), occurredAt: 'now' }, NOW),
    ).toMatchObject({ error: { code: 'invalidAction', params: { field: 'occurredAt' } } });
    expect(
      applyAction(stateOf({}), { ...action('bulletin.close', {}), id: 'x'.repeat(60) }, NOW),
    ).toMatchObject({ error: { code: 'invalidAction', params: { field: 'id' } } });
    expect(
      applyAction(stateOf({}), { ...action('bulletin.close', {}), actorRole: 'god' as 'staff' }, NOW),
    ).toMatchObject({ error: { code: 'invalidAction', params: { field: 'actorRole' } } });
    expect(
      applyAction(stateOf({}), { ...action('bulletin.close', {}), deviceId: 3 as unknown as string }, NOW),
    ).toMatchObject({ error: { code: 'invalidAction', params: { field: 'deviceId' } } });
    expect(applyAction(null as unknown as DomainState, action('bulletin.close', {}), NOW)).toMatchObject({
      error: { code: 'invalidInput' },
    });
    expect(
      applyAction(
        { ...stateOf({}), bulletins: 5 } as unknown as DomainState,
        action('bulletin.close', {}),
        NOW,
      ),
    ).toMatchObject({ error: { code: 'invalidInput', params: { field: 'bulletins' } } });
    expect(applyAction(stateOf({}), action('bulletin.close', { bulletinId: 'b' }), 'later')).toMatchObject({
      error: { code: 'invalidInput', params: { field: 'now' } },
    });
    expect(applyAction(stateOf({}), null as unknown as ActionInput, NOW)).toMatchObject({
      error: { code: 'invalidAction' },
    });
  });

  it('answers a malformed document in the state with `invalidInput` rather than a crash', () => {
    const broken = {
      ...stateOf({}),
      bulletins: {
        'bul-1': {
          id: 'bul-1',
          status: 'published',
          kindergartenId: kindergarten.id,
          access: 'priority',
          priorityUntil: 5,
        },
      },
    } as unknown as DomainState;
    const r = applyAction(broken, action('bulletin.close', { bulletinId: 'bul-1' }), NOW);
    expect(typeof r.ok).toBe('boolean');
  });
});
