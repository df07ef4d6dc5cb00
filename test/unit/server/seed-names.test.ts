import { describe, expect, it } from 'vitest';
import { makeIin } from '../../../src/domain';
import { DemoPersonRegistry } from '../../../sync-server/auth/demo-person-registry';
import {
  childName,
  familyOf,
  newFamily,
  parentName,
  patronymic,
  staffNames,
} from '../../../sync-server/seed/names';
import { SeededRandom } from '../../../sync-server/seed/random';

describe('demo names (seed/names.ts)', () => {
  it('names the seed family’s daughter КАМЕНОВА … ЕРМЕКОВНА and a son in the Kazakh form ЕРМЕКҰЛЫ', () => {
    const rnd = new SeededRandom(1);
    const daughter = childName(familyOf('КАМЕНОВ', 'ЕРМЕК', 'ru'), 'female', rnd);
    expect(daughter).toMatchObject({ lastName: 'КАМЕНОВА', middleName: 'ЕРМЕКОВНА' });
    const son = childName(familyOf('КАМЕНОВ', 'ЕРМЕК', 'kk'), 'male', rnd);
    expect(son).toMatchObject({ lastName: 'КАМЕНОВ', middleName: 'ЕРМЕКҰЛЫ' });
    expect(patronymic({ ru: 'НУРЛАН', kk: 'НҰРЛАН' }, 'female', 'kk')).toBe('НҰРЛАНҚЫЗЫ');
  });

  it('gives a father and his children one surname and the children his first name as patronymic', () => {
    const rnd = new SeededRandom(7);
    for (let i = 0; i < 200; i++) {
      const family = newFamily(rnd);
      const father = parentName(family, 'male', rnd);
      const mother = parentName(family, 'female', rnd);
      const son = childName(family, 'male', rnd);
      const daughter = childName(family, 'female', rnd);
      expect(son.lastName).toBe(father.lastName);
      expect(daughter.lastName).toBe(`${father.lastName}А`);
      expect(mother.lastName).toBe(daughter.lastName);
      for (const child of [son, daughter]) {
        expect(child.middleName.startsWith(father.firstName)).toBe(true);
        expect(child.middleName).toMatch(/(ОВИЧ|ОВНА|ҰЛЫ|ҚЫЗЫ)$/);
      }
      // The Kazakh form spells the whole family in it: no ОВИЧ next to a Kazakh-spelled surname.
      if (son.middleName.endsWith('ҰЛЫ')) expect(father.middleName).toMatch(/ҰЛЫ$/);
    }
  });

  it('makes staff names that differ, also by surname and first name, and are the same on every run', () => {
    const names = staffNames(31, new SeededRandom(2026));
    expect(new Set(names).size).toBe(31);
    expect(new Set(names.map((n) => n.split(' ').slice(0, 2).join(' '))).size).toBe(31);
    expect(
      names.every((n) => /^[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі-]+( [А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі-]+){2}$/.test(n)),
    ).toBe(true);
    expect(staffNames(31, new SeededRandom(2026))).toEqual(names);
    // A region of 500 kindergartens still gets 500 different names.
    expect(new Set(staffNames(500, new SeededRandom(3))).size).toBe(500);
  });

  it('the demo registry names a person by the same rules, the same for one IIN every time', async () => {
    const registry = new DemoPersonRegistry();
    const iin = makeIin({ birthDate: '2021-03-15', sex: 'female', serial: 12 }) as string;
    const girl = await registry.lookup(iin);
    expect(girl).not.toBeNull();
    expect(girl?.lastName).toMatch(/А$/);
    expect(girl?.middleName).toMatch(/(ОВНА|ҚЫЗЫ)$/);
    expect(await registry.lookup(iin)).toEqual(girl);
  });
});
