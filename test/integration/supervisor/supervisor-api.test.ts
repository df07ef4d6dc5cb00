import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../src/i18n';
import { holdsQueuePlace } from '../../../src/domain';
import type { Application, AuditEntry } from '../../../src/schema';
import { processAction } from '../../../sync-server/actions';
import { authenticateUser, verifySession } from '../../../sync-server/auth';
import { collection } from '../../../sync-server/database';
import { postgresInstanceOf } from '../../../sync-server/server-sql';
import { readAll } from '../../../sync-server/store';
import { entryTouches, loadRegionAudit } from '../../../sync-server/supervisor/audit-search';
import { actionOf, loginAs, seedSmallDistrict, startTestServer, type TestServer } from '../server/harness';
import { activateOutOfOrder, supervisorClient, supervisorsOf } from './supervisor-client';

/** RFC 4180 rows (quoted fields with commas, doubled quotes): enough to read our exports back. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) field += c;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}

// One server with the small district for the whole file: each test reads or adds its own records.
describe('the district supervisor API', () => {
  let t: TestServer;
  let own: ReturnType<typeof supervisorClient>;
  let other: ReturnType<typeof supervisorClient>;
  let ownUserId: string;
  let ownToken: string;
  const reason = 'Первый по очереди не отвечает на звонки, родители в отъезде';

  beforeAll(async () => {
    t = await startTestServer();
    await seedSmallDistrict(t.runtime);
    const s = await supervisorsOf(t.runtime);
    own = supervisorClient(t.server.url, s.own.token);
    other = supervisorClient(t.server.url, s.other.token);
    ownUserId = s.own.userId;
    ownToken = s.own.token;
    await activateOutOfOrder(t.runtime, reason);
  });
  afterAll(async () => {
    await t.stop();
  });

  const db = () => t.runtime.ctx.db;

  it('refuses a caller without a session (401) and a staff member (403)', async () => {
    expect((await supervisorClient(t.server.url, null)('GET', '/dashboard')).status).toBe(401);
    const staff = await loginAs(t.runtime, { login: 'staff-b', role: 'staff', kindergartenId: 'kg-b' });
    const res = await supervisorClient(t.server.url, staff.token)('GET', '/dashboard');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('supervisorsOnly');
  });

  it('accepts the session cookie that POST /api/auth/login sets, as the pages do', async () => {
    await loginAs(t.runtime, { login: 'kurator-cookie', role: 'supervisor', regionId: 'turkestan' });
    const login = await fetch(`${t.server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'kurator-cookie', password: 'demo-password-1' }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect(cookie).toContain('oryn_supervisor_session=');
    const me = await fetch(`${t.server.url}/api/supervisor/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).regionId).toBe('turkestan');
  });

  it('answers a malformed or oversized body with a code, not a server error', async () => {
    const headers = { authorization: `Bearer ${ownToken}`, 'content-type': 'application/json' };
    const malformed = await fetch(`${t.server.url}/api/supervisor/kindergartens`, {
      method: 'POST',
      headers,
      body: '{"nameRu":',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('invalidJson');
    const huge = await fetch(`${t.server.url}/api/supervisor/kindergartens`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ address: 'x'.repeat(300_000) }),
    });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe('payloadTooLarge');
  });

  it('counts the queue the way a direct count over the database does', async () => {
    const apps = (await readAll(collection(db(), 'applications'), {
      regionId: 'turkestan',
    })) as Application[];
    const queue = apps.filter((a) => holdsQueuePlace(a.status));
    const bulletins = await readAll(collection(db(), 'bulletins'), {
      regionId: 'turkestan',
      status: 'published',
    });
    const res = await own('GET', '/dashboard');
    expect(res.status).toBe(200);
    expect(res.body.totals.queue).toBe(queue.length);
    expect(res.body.totals.publishedBulletins).toBe(bulletins.length);
    expect(res.body.totals.freePlaces).toBe(bulletins.reduce((n, b) => n + b.freePlaces, 0));
    expect(res.body.queueByLocality).toEqual([{ localityId: 'turkestan-city', count: queue.length }]);
    expect(res.body.queueByBirthYear.reduce((n: number, r: { count: number }) => n + r.count, 0)).toBe(
      queue.length,
    );
    expect(res.body.queueByLanguage).toEqual([
      { language: 'kk', count: queue.filter((a) => a.languages.includes('kk')).length },
      { language: 'ru', count: queue.filter((a) => a.languages.includes('ru')).length },
    ]);
    expect(res.body.totals.referralsActive).toBe(1);
    expect(res.body.expiringReferrals).toHaveLength(0);
    expect(res.body.asOf).toBe(t.clock.now().toISOString());
  });

  it('narrows the dashboard to one kindergarten: its bulletins, its locality queue', async () => {
    const res = await own('GET', '/dashboard?kindergartenId=kg-b');
    expect(res.body.totals.publishedBulletins).toBe(1);
    expect(res.body.totals.referralsActive).toBe(0);
    const unknown = await own('GET', '/dashboard?kindergartenId=kg-x');
    expect(unknown.body.totals.queue).toBe(0);
    expect(unknown.body.totals.publishedBulletins).toBe(0);
  });

  it('lists an out-of-order activation with its reason and the child passed over', async () => {
    const res = await own('GET', '/out-of-order');
    expect(res.status).toBe(200);
    expect(res.body.allocations).toHaveLength(1);
    const [allocation] = res.body.allocations;
    expect(allocation).toMatchObject({
      bulletinId: 'bul-a',
      applicationId: 'app-2',
      reason,
      rank: 2,
      passedOver: [{ childName: 'КАМЕНОВА ДАНИЯ 1', rank: 1 }],
    });
    // The period filter: the activation happened on 19.03.2026 (the test clock).
    expect((await own('GET', '/out-of-order?from=2026-03-19&to=2026-03-19')).body.allocations).toHaveLength(
      1,
    );
    expect((await own('GET', '/out-of-order?from=2026-01-01&to=2026-02-28')).body.allocations).toEqual([]);
  });

  it('shows a bulletin’s responders in queue order with the activation and its audit trail', async () => {
    const res = await own('GET', '/bulletins/bul-a');
    expect(res.status).toBe(200);
    expect(res.body.responders.map((r: { applicationId: string }) => r.applicationId)).toEqual([
      'app-1',
      'app-2',
    ]);
    expect(res.body.responders[1]).toMatchObject({
      status: 'activated',
      outOfOrder: true,
      skipReason: reason,
    });
    expect(res.body.responders[0].childIin).toMatch(/^\*{8}\d{4}$/);
    // The bulletin's trail (issue 16, item 2: read from the index of what entries touch, not from the
    // region's whole log): every entry of the region touching the bulletin or a response, in chain order.
    const ids = ['bul-a', ...res.body.responders.map((r: { responseId: string }) => r.responseId)];
    const region = res.body.bulletin.regionId;
    const expected = (await loadRegionAudit(db(), region))
      .filter((e) => ids.some((id) => entryTouches(e, id)))
      .sort((a, b) => a.seq - b.seq)
      .map((e) => e.id);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(res.body.trail.map((e: AuditEntry) => e.id)).toEqual(expected);
    const audit = postgresInstanceOf(collection(db(), 'audit'))!;
    await audit.sql.query('SET enable_seqscan = off');
    const plan = await audit.sql.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT doc FROM ${audit.table} WHERE NOT deleted AND (jsonb_path_query_array(doc, '$.id')
        || jsonb_path_query_array(doc, '$.actionId') || jsonb_path_query_array(doc, '$.entityIds[*]')
        || jsonb_path_query_array(doc, '$.payload.*'))
        @> jsonb_build_array('bul-a'::text)`,
    );
    await audit.sql.query('SET enable_seqscan = on');
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on \S*_touched/);
    const trail = await own('GET', `/decisions/${res.body.responders[1].responseId}`);
    expect(trail.status).toBe(200);
    const kinds = trail.body.entries.map((e: AuditEntry) => e.kind);
    expect(kinds).toEqual(['application.respond', 'response.activate']);
    expect(trail.body.entries[1].payload.skipReason).toBe(reason);
  });

  it('lets a supervisor of another region see none of this district', async () => {
    const dashboard = await other('GET', '/dashboard');
    expect(dashboard.body.totals.queue).toBe(1);
    expect(dashboard.body.queueByLocality).toEqual([{ localityId: 'other-city', count: 1 }]);
    expect((await other('GET', '/bulletins/bul-a')).status).toBe(404);
    expect((await other('GET', '/out-of-order')).body.allocations).toEqual([]);
    const trail = await own('GET', '/bulletins/bul-a');
    expect((await other('GET', `/decisions/${trail.body.responders[1].responseId}`)).status).toBe(404);
    const audit = await other('GET', '/audit?q=bul-a');
    expect(audit.body.total).toBe(0);
    const kgs = await other('GET', '/kindergartens');
    expect(kgs.body.kindergartens.map((k: { id: string }) => k.id)).toEqual(['kg-x']);
    expect((await other('PATCH', '/kindergartens/kg-a', { address: 'elsewhere' })).status).toBe(404);
    expect((await other('POST', '/groups/grp-a/close')).status).toBe(404);
    expect((await other('POST', '/priority/app-1', { decision: 'confirm' })).status).toBe(404);
    const csv = await other('GET', '/export/bulletins.csv');
    expect(csv.text).not.toContain('bul-a');
  });

  it('searches the audit log of the region', async () => {
    const all = await own('GET', '/audit');
    const entries = await readAll(collection(db(), 'audit'), { districtId: 'turkestan' });
    expect(all.body.total).toBe(entries.length);
    const activations = await own('GET', '/audit?kind=response.activate');
    expect(activations.body.total).toBe(1);
    const byText = await own('GET', `/audit?q=${encodeURIComponent('не отвечает')}`);
    expect(byText.body.entries.map((e: AuditEntry) => e.kind)).toEqual(['response.activate']);
  });

  it('confirms a claimed priority category through the action processor and records who and when', async () => {
    const filed = await processAction(
      t.runtime.ctx,
      actionOf(
        {
          id: 'file-primary',
          kind: 'application.file',
          actor: 'par-4',
          actorRole: 'parent',
          payload: {
            applicationId: 'app-primary',
            childId: 'child-primary',
            childIin: '170720600126',
            childName: 'КАМЕНОВА ДАНИЯ ЕРМЕКОВНА',
            parentId: 'par-4',
            groupType: 'ordinary',
            languages: ['kk'],
            regionId: 'turkestan',
            localityId: 'turkestan-city',
            claimedPriority: 'primary',
          },
        },
        t.clock.now(),
      ),
    );
    expect(filed.status).toBe('applied');
    const pending = await own('GET', '/priority');
    expect(pending.body.claims.map((c: { applicationId: string }) => c.applicationId)).toEqual([
      'app-primary',
    ]);
    const before = await own('GET', '/dashboard');
    expect(before.body.totals.pendingPriority).toBe(1);

    const decided = await own('POST', '/priority/app-primary', {
      decision: 'confirm',
      note: 'Удостоверение многодетной семьи №123',
    });
    expect(decided.status).toBe(200);
    const [app] = await readAll(collection(db(), 'applications'), { id: 'app-primary' });
    expect(app).toMatchObject({ priority: 'primary', priorityConfirmedBy: ownUserId });
    expect(app.priorityConfirmedAt).toBe(t.clock.now().toISOString());
    const audit = await own('GET', '/audit?entityId=app-primary&kind=application.confirmPriority');
    expect(audit.body.entries[0]).toMatchObject({ actor: ownUserId, actorRole: 'supervisor' });
    expect(audit.body.entries[0].payload.documents).toBe('Удостоверение многодетной семьи №123');
    expect((await own('GET', '/priority')).body.claims).toEqual([]);
  });

  it('runs the catalogue: creates a kindergarten and a group, refuses to close a group with a published bulletin', async () => {
    const created = await own('POST', '/kindergartens', {
      nameKk: '«Айгөлек» бөбекжай-бақшасы',
      nameRu: 'ГККП «Айголек» ясли-сад',
      ownership: 'state',
      localityId: 'turkestan-city',
      address: 'г.Туркестан, ул. Саликбайы 33а',
      languages: ['kk', 'ru'],
    });
    expect(created.status).toBe(201);
    expect(created.body.regionId).toBe('turkestan');
    const group = await own('POST', '/groups', {
      kindergartenId: created.body.id,
      name: 'Жұлдыз',
      groupType: 'ordinary',
      language: 'kk',
      birthYears: [2021, 2022],
      ageGroup: 'Разновозрастная группа',
      capacity: 25,
    });
    expect(group.status).toBe(201);
    expect((await own('PATCH', `/groups/${group.body.id}`, { capacity: 30 })).body.capacity).toBe(30);
    expect((await own('POST', `/groups/${group.body.id}/close`)).body.status).toBe('closed');
    const busy = await own('POST', '/groups/grp-b/close');
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('groupHasPublishedBulletin');
    const invalid = await own('POST', '/kindergartens', { nameRu: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('invalidInput');
    const changes = await own('GET', `/audit?entityId=${created.body.id}`);
    expect(changes.body.entries.map((e: AuditEntry) => e.kind).sort()).toEqual([
      'group.close',
      'group.create',
      'group.edit',
      'kindergarten.create',
    ]);
  });

  it('manages staff accounts: a reset password ends the old session, a disabled account cannot log in', async () => {
    const created = await own('POST', '/staff', {
      login: 'nurlan',
      name: 'Нурлан Ахметов',
      kindergartenId: 'kg-b',
      password: 'first-pass-1',
    });
    expect(created.status).toBe(201);
    expect(created.body).not.toHaveProperty('passwordHash');
    const user = await authenticateUser(t.runtime.ctx, 'nurlan', 'first-pass-1');
    const { issueSession } = await import('../../../sync-server/auth');
    const session = await issueSession(t.runtime.ctx, {
      id: user.id,
      role: 'staff',
      tokenVersion: user.tokenVersion,
    });
    expect(await verifySession(t.runtime.ctx, session.token)).not.toBeNull();

    const reset = await own('POST', `/staff/${encodeURIComponent(user.id)}/reset-password`);
    expect(reset.status).toBe(200);
    expect(await verifySession(t.runtime.ctx, session.token)).toBeNull();
    await expect(
      authenticateUser(t.runtime.ctx, 'nurlan', reset.body.temporaryPassword),
    ).resolves.toMatchObject({ login: 'nurlan' });

    expect(
      (await own('PATCH', `/staff/${encodeURIComponent(user.id)}`, { kindergartenId: 'kg-x' })).status,
    ).toBe(404);
    expect(
      (await own('PATCH', `/staff/${encodeURIComponent(user.id)}`, { kindergartenId: 'kg-a' })).body
        .kindergartenId,
    ).toBe('kg-a');
    expect((await own('POST', `/staff/${encodeURIComponent(user.id)}/disable`)).body.disabled).toBe(true);
    await expect(
      authenticateUser(t.runtime.ctx, 'nurlan', reset.body.temporaryPassword),
    ).rejects.toMatchObject({ code: 'accountDisabled' });
    const list = await own('GET', '/staff');
    expect(list.body.staff.map((s: { login: string }) => s.login)).toContain('nurlan');
    expect((await other('GET', '/staff')).body.staff.map((s: { login: string }) => s.login)).not.toContain(
      'nurlan',
    );
    const logged = t.logLines.join('');
    expect(logged).not.toContain(reset.body.temporaryPassword);
    // The account changes are actions, audited with their own entries; a password's hash is in the
    // account only, never in the audit chain or the stored action (issue 12, item 6).
    const { passwordHash } = (await readAll(collection(db(), 'users'), { id: user.id }))[0];
    const kinds = ['staff.create', 'staff.resetPassword', 'staff.assign', 'staff.disable'];
    const actions = await readAll(collection(db(), 'actions'), { kind: { $in: kinds } });
    // The move to another region's kindergarten was refused before any action was made (404).
    expect(actions.filter((a) => a.status === 'rejected')).toEqual([]);
    const applied = actions.filter((a) => a.status === 'applied');
    expect(applied.map((a) => a.kind).sort()).toEqual([...kinds].sort());
    const entries = await readAll(collection(db(), 'audit'), { actionId: { $in: actions.map((a) => a.id) } });
    expect(entries.map((e) => e.kind).sort()).toEqual([...kinds].sort());
    const resetEntry = entries.find((e) => e.kind === 'staff.resetPassword')!;
    expect(resetEntry.payload).toEqual({ userId: user.id, passwordHash: '[redacted]' });
    expect(JSON.stringify([entries, actions])).not.toContain(passwordHash);
    expect(JSON.stringify([entries, actions])).not.toContain(user.passwordHash);
  });

  it('keeps the working-day calendar as data: a transfer added by the supervisor moves a day off', async () => {
    const before = await own('GET', '/calendar?year=2026');
    expect(before.body.isDefault).toBe(true);
    // docs/domain.md: non-working weekdays of 2026 include Mar 23, 24, 25 (Nauryz and its moved days).
    expect(before.body.nonWorkingWeekdays).toEqual(
      expect.arrayContaining(['2026-03-23', '2026-03-24', '2026-03-25']),
    );
    expect(before.body.nonWorkingWeekdays).not.toContain('2026-01-05');
    const data = before.body.data;
    const saved = await own('PUT', '/calendar', {
      year: 2026,
      data: {
        ...data,
        transfers: [...data.transfers, { date: '2026-01-05', working: false, note: 'Приказ о переносе' }],
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.isDefault).toBe(false);
    expect(saved.body.nonWorkingWeekdays).toContain('2026-01-05');
    expect((await other('GET', '/calendar?year=2026')).body.isDefault).toBe(true);
    const bad = await own('PUT', '/calendar', {
      year: 2026,
      data: { ...data, transfers: [{ date: '5 Jan', working: false, note: '' }] },
    });
    expect(bad.status).toBe(400);
  });

  it('keeps regional settings where the action processor reads them', async () => {
    expect((await own('GET', '/settings')).body).toEqual({
      priorityWindowWorkingDays: 3,
      stopListUnit: 'working',
      interestConfirmationDays: null,
    });
    const saved = await own('PUT', '/settings', {
      priorityWindowWorkingDays: 1,
      stopListUnit: 'calendar',
      interestConfirmationDays: 30,
    });
    expect(saved.body).toEqual({
      priorityWindowWorkingDays: 1,
      stopListUnit: 'calendar',
      interestConfirmationDays: 30,
    });
    const [doc] = await readAll(collection(db(), 'settings'), { id: 'region:turkestan' });
    // The calendar saved earlier stays beside them in the same region document.
    expect(doc.value).toMatchObject({
      priorityWindowWorkingDays: 1,
      stopListUnit: 'calendar',
      interestConfirmationDays: 30,
    });
    expect((await other('GET', '/settings')).body.priorityWindowWorkingDays).toBe(3);
    expect(
      (
        await own('PUT', '/settings', {
          priorityWindowWorkingDays: 0,
          stopListUnit: 'working',
          interestConfirmationDays: null,
        })
      ).status,
    ).toBe(400);
  });

  it('exports a table as CSV with a byte-order mark and as an XLSX workbook', async () => {
    const csv = await own('GET', '/export/out-of-order.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('oryn-out-of-order-');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.slice(1).trim().split('\n');
    // No language asked for: Russian, the seed's (the pages ask for theirs: below).
    expect(lines[0]).toBe(
      'Время активации,Детский сад,Бюллетень,Ребёнок,Место в списке,Кто активировал,Указанная причина,Пропущены',
    );
    expect(lines[1]).toContain(reason);
    const xlsx = await own('GET', '/export/queue-by-locality.xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await own('GET', '/export/passwords.csv')).status).toBe(404);
    const responders = await own('GET', '/export/responders.csv?bulletinId=bul-a');
    expect(responders.text).toContain('КАМЕНОВА ДАНИЯ 1');
    expect(responders.text).not.toMatch(/\d{12}/);
    expect((await other('GET', '/export/responders.csv?bulletinId=bul-a')).status).toBe(404);
    const staff = await own('GET', '/export/staff.csv');
    expect(staff.text.split('\n')[0]).toBe(
      '\ufeffЛогин,Наименование / ФИО,Код детского сада,Отключён,Создан',
    );
    expect((await other('GET', '/export/kindergartens.csv')).text).not.toContain('kg-a');
  });

  it('exports in the page’s language: column names, measures, times in Asia/Almaty (issue 14, item 7)', async () => {
    const get = (path: string, headers: Record<string, string> = {}) =>
      fetch(`${t.server.url}/api/supervisor${path}`, {
        headers: { authorization: `Bearer ${ownToken}`, ...headers },
      });
    const allocation = (await own('GET', '/out-of-order')).body.allocations[0];
    const rowsOf = async (res: Response) => parse(await res.text()); // text() drops the byte-order mark
    const kk = await rowsOf(await get('/export/out-of-order.csv?lang=kk'));
    expect(kk[0]).toEqual([
      'Белсендірілген уақыты',
      'Балабақша',
      'Бюллетень',
      'Бала',
      'Тізімдегі орны',
      'Кім белсендірді',
      'Көрсетілген себеп',
      'Өткізіп жіберілгендер',
    ]);
    // The time as the screen shows it: DD.MM.YYYY HH:mm in Asia/Almaty, not UTC ISO.
    expect(kk[1][0]).toBe(formatDateTime(allocation.activatedAt));
    expect(kk[1][0]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    const en = await rowsOf(await get('/export/out-of-order.csv', { 'accept-language': 'en-US,en;q=0.9' }));
    expect(en[0][0]).toBe('Activated at');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      Buffer.from(await (await get('/export/totals.xlsx?lang=kk')).arrayBuffer()) as never,
    );
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'Көрсеткіш', 'Мәні']);
    const asOf = sheet.getRow(2).values as unknown[];
    expect(asOf[1]).toBe('Жағдай бойынша');
    expect(String(asOf[2])).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    const measures = sheet.getColumn(1).values.slice(2);
    expect(measures).toContain('Орын күтуде');
    expect(measures.filter((m) => typeof m === 'string' && /^[a-z][A-Za-z]+$/.test(m))).toEqual([]);
  });

  it('verifies the audit chain, and reports the position of an entry edited in the storage', async () => {
    const ok = await own('GET', '/audit/verify');
    expect(ok.body).toMatchObject({ ok: true });
    const audit = collection(db(), 'audit');
    const [target] = await readAll(audit, { kind: 'response.activate' });
    // Edit the stored row itself, past RxDB's documents and the processor (what a person with
    // database access could do): the payload changes, the hash stays.
    const [stored] = await audit.storageInstance.findDocumentsById([target.id], false);
    const edited = { ...stored, payload: { ...stored.payload, skipReason: 'Так решила заведующая' } };
    const written = await audit.storageInstance.bulkWrite(
      [{ previous: stored, document: edited }],
      'test-edit',
    );
    expect(written.error).toEqual([]);
    const broken = await own('GET', '/audit/verify');
    expect(broken.body).toMatchObject({
      ok: false,
      brokenAt: { seq: target.seq, reason: 'hash', inRegion: true, id: target.id },
    });
    const seenByOther = await other('GET', '/audit/verify');
    expect(seenByOther.body.brokenAt).toEqual({ seq: target.seq, reason: 'hash', inRegion: false });
  });
});
