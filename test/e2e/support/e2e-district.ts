import type { ServerContext } from '../../../sync-server/context';
import { createUser } from '../../../sync-server/auth';
import { collectionOf } from '../../../sync-server/schema';

/**
 * The kindergarten the parent journey ends in, named as in the seed ("ГККП «Балапан» ясли - детский
 * сад", город Арыс, "Исенова Гулмира Ибраимовна"), in a locality of its own so that the journey's queue
 * starts empty whatever the demo data holds. Its staff account acts for the kindergarten in the specs.
 */
export const E2E_DISTRICT = {
  regionId: 'e2e-turkestan',
  localityId: 'e2e-arys',
  kindergartenId: 'e2e-balapan',
  groupId: 'e2e-zhuldyz',
  birthYears: [2022, 2023],
  staff: { login: 'balapan-e2e', password: 'e2e-password-1', name: 'Исенова Гулмира Ибраимовна' },
} as const;

export async function seedE2eDistrict(ctx: ServerContext): Promise<void> {
  const d = E2E_DISTRICT;
  const now = ctx.now().getTime();
  const settings = collectionOf(ctx.db, 'settings');
  const locality = { id: d.localityId, nameKk: 'Арыс қаласы (e2e)', nameRu: 'г. Арысь (e2e)' };
  await settings.upsert({
    id: `region:${d.regionId}`,
    kind: 'region',
    value: {
      nameKk: 'Түркістан облысы (e2e)',
      nameRu: 'Туркестанская область (e2e)',
      localities: [locality],
    },
    updatedAt: now,
  });
  await collectionOf(ctx.db, 'kindergartens').upsert({
    id: d.kindergartenId,
    nameKk: '«Балапан» бөбекжай-бақшасы МКҚК',
    nameRu: 'ГККП «Балапан» ясли - детский сад',
    ownership: 'state',
    regionId: d.regionId,
    localityId: d.localityId,
    address: 'Туркестанская область, город Арыс, Саликбайы №33а',
    phone: '8 (72540) 2-11-33',
    languages: ['kk', 'ru'],
    status: 'open',
    updatedAt: now,
  });
  await collectionOf(ctx.db, 'groups').upsert({
    id: d.groupId,
    kindergartenId: d.kindergartenId,
    name: 'Жұлдыз санаторлық тобы',
    groupType: 'ordinary',
    language: 'kk',
    birthYears: [...d.birthYears],
    ageGroup: 'Разновозрастная группа',
    // Every parent spec publishes its bulletins into this one group of the shared server, and a group
    // cannot offer more places than it has free (src/domain/places.ts): room for all of them.
    capacity: 60,
    enrolled: 20,
    status: 'open',
    updatedAt: now,
  });
  const users = collectionOf(ctx.db, 'users');
  if (!(await users.findOne({ selector: { login: d.staff.login } }).exec())) {
    await createUser(ctx, { ...d.staff, role: 'staff', kindergartenId: d.kindergartenId });
  }
}
