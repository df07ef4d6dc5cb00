import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameInitials } from '../../../src/domain';
import { createI18n, type Language } from '../../../src/i18n';
import { auditSentence, type DescribedAuditEntry } from '../../../src/i18n/auditSentence';
import { collection } from '../../../sync-server/database';
import { startTestServer, seedSmallDistrict, type TestServer } from '../server/harness';
import { activateOutOfOrder, supervisorClient, supervisorsOf } from './supervisor-client';

/** A CSV export read back by exceljs (fast-csv underneath), cells kept as the text written. */
async function csvRows(text: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  const sheet = await workbook.csv.read(Readable.from([text.replace(/^\ufeff/, '')]), {
    map: (value: string) => value,
  } as never);
  return rowsOf(sheet);
}

async function xlsxRows(bytes: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as never);
  return rowsOf(workbook.worksheets[0]!);
}

function rowsOf(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push(
      (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return rows;
}

/** Each row as { column name: cell } by the header row. */
function records(rows: string[][]): Record<string, string>[] {
  const [header, ...body] = rows;
  return body.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? ''])));
}

describe('the audit log as people read it, and exports with coded cells in the page’s language (issue 14)', () => {
  let t: TestServer;
  let own: ReturnType<typeof supervisorClient>;
  let ownToken: string;
  let activatedChild: string;
  const texts = (lng: Language) => createI18n(lng).t;

  beforeAll(async () => {
    t = await startTestServer();
    await seedSmallDistrict(t.runtime);
    const s = await supervisorsOf(t.runtime);
    own = supervisorClient(t.server.url, s.own.token);
    ownToken = s.own.token;
    const { activated } = await activateOutOfOrder(t.runtime, 'Первый по очереди не отвечает');
    activatedChild = activated.childName;
    // The first family's parent has passed the registry step: their account holds a name.
    const parent = await collection(t.runtime.ctx.db, 'parents').findOne('par-1').exec();
    await parent!.incrementalPatch({ lastName: 'КАМЕНОВ', firstName: 'ЕРМЕК' });
    const created = await own('POST', '/staff', {
      login: 'nurzhanova',
      name: 'Нуржанова Айгерим',
      kindergartenId: 'kg-a',
      password: 'staff-password-1',
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('names the actor, their role and kindergarten, and the child by initials only', async () => {
    const res = await own('GET', '/audit?kind=response.activate');
    expect(res.status).toBe(200);
    const [entry] = res.body.entries as DescribedAuditEntry[];
    expect(entry!.names).toEqual({
      actorName: 'Исенова Гулмира',
      actorPlace: { nameKk: 'ГККП «Балапан» ясли-сад', nameRu: 'ГККП «Балапан» ясли-сад' },
      childInitials: nameInitials(activatedChild),
    });
    // The ids stay with the entry for the details row.
    expect(entry!.actor).toBe('user:isenova');
    expect(auditSentence(texts('ru'), entry!, 'ru')).toBe(
      `Исенова Г. (сотрудник, ГККП «Балапан» ясли-сад): активирован отклик, выдано направление для ребёнка ${nameInitials(activatedChild)} Вне очереди, причина: «Первый по очереди не отвечает».`,
    );

    const filed = await own('GET', '/audit?kind=application.file&role=parent&limit=50');
    const names = (filed.body.entries as DescribedAuditEntry[]).map((e) => e.names);
    expect(names).toContainEqual({
      actorName: 'КАМЕНОВ ЕРМЕК',
      childInitials: nameInitials('КАМЕНОВА ДАНИЯ 1'),
    });
    // A parent whose account holds no name yet is said to be so, not shown by id.
    expect(names).toContainEqual({ actorUnnamed: true, childInitials: nameInitials('КАМЕНОВА ДАНИЯ 2') });
    // Never a child's full name or IIN anywhere in the page's answer.
    expect(filed.text).not.toContain('КАМЕНОВА ДАНИЯ');
    expect(filed.text).not.toMatch(/(?<![0-9a-f])\d{12}(?![0-9a-f])/);

    const staff = await own('GET', '/audit?kind=staff.create');
    expect(staff.body.entries[0].names).toEqual({
      actorName: 'Жумабекова Айгуль',
      target: { nameKk: 'Нуржанова Айгерим', nameRu: 'Нуржанова Айгерим' },
    });
    expect(auditSentence(texts('kk'), staff.body.entries[0], 'kk')).toBe(
      'Жумабекова А. (куратор): қызметкердің есептік жазбасы құрылды — Нуржанова Айгерим.',
    );
  });

  it('pages through the region’s log newest first, by role and by actor', async () => {
    const all = await own('GET', '/audit?limit=1000');
    const total = all.body.total as number;
    expect(total).toBeGreaterThan(6);
    const seqs = (all.body.entries as DescribedAuditEntry[]).map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const first = await own('GET', '/audit?limit=3&offset=0');
    const second = await own('GET', '/audit?limit=3&offset=3');
    expect(first.body.total).toBe(total);
    expect(second.body.total).toBe(total);
    expect([...first.body.entries, ...second.body.entries].map((e: DescribedAuditEntry) => e.seq)).toEqual(
      seqs.slice(0, 6),
    );
    const bySupervisors = await own('GET', '/audit?role=supervisor');
    expect(bySupervisors.body.entries.map((e: DescribedAuditEntry) => e.kind)).toEqual(['staff.create']);
    const byIsenova = await own('GET', '/audit?actor=user:isenova');
    expect(byIsenova.body.total).toBe(1);
    expect((await own('GET', '/audit?role=robot')).status).toBe(400);
  });

  it('resolves the names of a page in bulk: one read per collection, not one per entry', async () => {
    const db = t.runtime.ctx.db;
    const names = ['users', 'parents', 'kindergartens', 'groups', 'applications', 'responses', 'referrals'];
    let reads = 0;
    const restore = names.map((name) => {
      const instance = collection(db, name as 'users').storageInstance;
      const original = instance.findDocumentsById.bind(instance);
      instance.findDocumentsById = (...args: Parameters<typeof original>) => {
        reads++;
        return original(...args);
      };
      return () => {
        instance.findDocumentsById = original;
      };
    });
    try {
      reads = 0;
      const many = await own('GET', '/audit?limit=50');
      // Entries of parents, staff and a supervisor, about children and a staff account.
      expect(many.body.entries.length).toBeGreaterThan(5);
      expect(new Set(many.body.entries.map((e: DescribedAuditEntry) => e.actorRole)).size).toBe(3);
      expect(reads).toBeLessThanOrEqual(names.length);
    } finally {
      for (const r of restore) r();
    }
  });

  it('offers the region’s staff and supervisors by name for the filter', async () => {
    const res = await own('GET', '/audit/actors');
    expect(res.status).toBe(200);
    const actors = res.body.actors as { id: string; name: string; role: string }[];
    expect(actors).toContainEqual({
      id: 'user:isenova',
      name: 'Исенова Гулмира',
      role: 'staff',
      place: { nameKk: 'ГККП «Балапан» ясли-сад', nameRu: 'ГККП «Балапан» ясли-сад' },
    });
    expect(actors).toContainEqual({
      id: 'user:kurator-turkestan',
      name: 'Жумабекова Айгуль',
      role: 'supervisor',
    });
    expect(actors.map((a) => a.id)).not.toContain('user:kurator-other');
  });

  const get = async (path: string) => {
    const res = await fetch(`${t.server.url}/api/supervisor${path}`, {
      headers: { authorization: `Bearer ${ownToken}` },
    });
    expect(res.status).toBe(200);
    return res;
  };
  /** Raw codes the exports used to print as they are stored. */
  const CODES = ['state', 'ordinary', 'published', 'free', 'open', 'kk', 'ru', 'mixed', 'staff', 'none'];

  it('names kindergartens and localities in the page’s language (kk, ru, en), not by Russian name or id', async () => {
    const db = t.runtime.ctx.db;
    // Names as the registries hold them: the Kazakh one differs from the Russian one.
    const kg = await collection(db, 'kindergartens').findOne('kg-a').exec();
    await kg!.incrementalPatch({ nameKk: '«Балапан» бөбекжай-бақшасы МКҚК' });
    const settings = collection(db, 'settings');
    const before = await settings.findOne('region:turkestan').exec();
    await settings.upsert({
      id: 'region:turkestan',
      kind: 'region',
      value: {
        ...((before?.toJSON().value as Record<string, unknown>) ?? {}),
        localities: [
          { id: 'turkestan-city', nameKk: 'Түркістан қ.', nameRu: 'г. Туркестан', nameEn: 'Turkistan' },
        ],
      },
      updatedAt: Date.now(),
    });
    try {
      const expected = {
        kk: ['«Балапан» бөбекжай-бақшасы МКҚК', 'Түркістан қ.'],
        ru: ['ГККП «Балапан» ясли-сад', 'г. Туркестан'],
        en: ['«Balapan» böbekjai-baqşasy MKQK', 'Turkistan'],
      } as const;
      for (const lng of ['kk', 'ru', 'en'] as const) {
        const tr = texts(lng);
        const [kindergarten, locality] = expected[lng];
        const bulletins = records(
          await csvRows(await (await get(`/export/bulletins.csv?lang=${lng}`)).text()),
        );
        const bulA = bulletins.find((r) => r[tr('supervisor.exportColumns.bulletinId')] === 'bul-a')!;
        expect(bulA[tr('supervisor.exportColumns.kindergartenName')]).toBe(kindergarten);
        const byLocality = records(
          await xlsxRows(
            Buffer.from(await (await get(`/export/queue-by-locality.xlsx?lang=${lng}`)).arrayBuffer()),
          ),
        );
        expect(byLocality.map((r) => r[tr('supervisor.exportColumns.localityId')])).toContain(locality);
        expect(JSON.stringify(byLocality)).not.toContain('turkestan-city');
      }
    } finally {
      await kg!.getLatest().incrementalPatch({ nameKk: 'ГККП «Балапан» ясли-сад' });
      const now = await settings.findOne('region:turkestan').exec();
      if (before) await settings.upsert({ ...before.toJSON(), updatedAt: Date.now() });
      else await now?.remove();
    }
  });

  for (const lng of ['kk', 'en'] as const) {
    it(`writes statuses, age groups, place types, priorities and languages in ${lng} (CSV and XLSX parsed back)`, async () => {
      const tr = texts(lng);
      const languages = `${tr('common.languages.kk')}, ${tr('common.languages.ru')}`;

      const kindergartens = records(
        await csvRows(await (await get(`/export/kindergartens.csv?lang=${lng}`)).text()),
      );
      const kgA = kindergartens.find((r) => r[tr('supervisor.exportColumns.id')] === 'kg-a')!;
      expect(kgA[tr('supervisor.exportColumns.ownership')]).toBe(tr('common.ownership.state'));
      expect(kgA[tr('supervisor.exportColumns.languages')]).toBe(languages);
      expect(kgA[tr('supervisor.exportColumns.status')]).toBe(tr('supervisor.management.statuses.open'));

      const groups = records(
        await xlsxRows(Buffer.from(await (await get(`/export/groups.xlsx?lang=${lng}`)).arrayBuffer())),
      );
      const grpA = groups.find((r) => r[tr('supervisor.exportColumns.id')] === 'grp-a')!;
      expect(grpA[tr('supervisor.exportColumns.groupType')]).toBe(tr('common.groupTypes.ordinary'));
      expect(grpA[tr('supervisor.exportColumns.language')]).toBe(tr('common.languages.kk'));
      // Stored as the seed's Russian text «Разновозрастная группа»: read as its code.
      expect(grpA[tr('supervisor.exportColumns.ageGroup')]).toBe(tr('common.ageGroups.mixed'));

      const bulletins = records(await csvRows(await (await get(`/export/bulletins.csv?lang=${lng}`)).text()));
      const bulA = bulletins.find((r) => r[tr('supervisor.exportColumns.bulletinId')] === 'bul-a')!;
      expect(bulA[tr('supervisor.exportColumns.status')]).toBe(tr('common.bulletinStatuses.published'));
      expect(bulA[tr('supervisor.exportColumns.placeType')]).toBe(tr('common.placeTypes.free'));
      expect(bulA[tr('supervisor.exportColumns.ageGroup')]).toBe(tr('common.ageGroups.mixed'));
      expect(bulA[tr('supervisor.exportColumns.language')]).toBe(tr('common.languages.kk'));

      const priorities = records(
        await csvRows(await (await get(`/export/queue-by-priority.csv?lang=${lng}`)).text()),
      );
      expect(priorities.map((r) => r[tr('supervisor.exportColumns.priority')])).toContain(
        tr('common.priorities.none'),
      );

      const audit = records(
        await xlsxRows(Buffer.from(await (await get(`/export/audit.xlsx?lang=${lng}`)).arrayBuffer())),
      );
      const activation = audit.find(
        (r) => r[tr('supervisor.exportColumns.kind')] === tr('common.actionKinds.response.activate'),
      )!;
      expect(activation[tr('supervisor.exportColumns.actorRole')]).toBe(tr('supervisor.audit.roles.staff'));
      expect(activation[tr('supervisor.exportColumns.event')]).toContain(nameInitials(activatedChild));
      expect(activation[tr('supervisor.exportColumns.event')]).toMatch(
        lng === 'en' ? /^Isenova G\. \(staff member/ : /^Исенова Г\. \(қызметкер/,
      );
      expect(JSON.stringify(audit)).not.toContain('КАМЕНОВА ДАНИЯ');

      for (const table of [kindergartens, groups, bulletins, priorities, audit])
        for (const row of table) for (const code of CODES) expect(Object.values(row)).not.toContain(code);
    });
  }
});
