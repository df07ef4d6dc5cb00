import { describe, expect, it } from 'vitest';
import { makeIin, parseIin } from '../../../src/domain';
import { DemoPersonRegistry } from '../../../sync-server/auth';

describe('demo person registry', () => {
  const registry = new DemoPersonRegistry();

  it('knows the seed’s family', async () => {
    expect(await registry.lookup('940225300128')).toMatchObject({
      lastName: 'КАМЕНОВ',
      firstName: 'ЕРМЕК',
      middleName: 'АХМЕТОВИЧ',
      birthDate: '1994-02-25',
      sex: 'male',
    });
    expect(await registry.lookup('170720600126')).toMatchObject({
      lastName: 'КАМЕНОВА',
      firstName: 'ДАНИЯ',
      birthDate: '2017-07-20',
      sex: 'female',
    });
  });

  it('answers every valid IIN with the birth date and sex the IIN encodes, the same way every time', async () => {
    for (let serial = 1; serial < 40; serial++) {
      for (const sex of ['male', 'female'] as const) {
        const iin = makeIin({ birthDate: '2019-11-03', sex, serial });
        if (!iin) continue;
        const person = await registry.lookup(iin);
        const parsed = parseIin(iin);
        expect(parsed.ok && person).toBeTruthy();
        if (!parsed.ok || !person) continue;
        expect({ birthDate: person.birthDate, sex: person.sex }).toEqual(parsed.value);
        expect(await registry.lookup(iin)).toEqual(person);
        expect(person.lastName.endsWith('А')).toBe(sex === 'female');
      }
    }
  });

  it('does not know invalid IINs, nor serial 9999', async () => {
    expect(await registry.lookup('170720600121')).toBeNull();
    expect(
      await registry.lookup(makeIin({ birthDate: '2018-05-05', sex: 'male', serial: 9999 })!),
    ).toBeNull();
  });
});
