import { createHash } from 'node:crypto';
import { parseIin } from '../../src/domain';
import type { PersonRecord, PersonRegistry } from '../context';

// Oryn has no access to the state registry (domain.md, People and identity): this stand-in answers
// for every valid IIN with a deterministic Kazakh name, and with the IIN's own birth date and sex.
const MALE = ['ЕРМЕК', 'НУРЛАН', 'АЙДОС', 'АРМАН', 'ДАНИЯР', 'ЕРЛАН', 'АСЛАН', 'ТИМУР', 'АЛИХАН', 'САНЖАР'];
const FEMALE = [
  'ДАНИЯ',
  'АЙГЕРИМ',
  'АЛИЯ',
  'ДИНАРА',
  'ЖАНСАЯ',
  'КАМИЛА',
  'МАДИНА',
  'САБИНА',
  'АРУЖАН',
  'АЙША',
];
const SURNAMES = [
  'КАМЕНОВ',
  'ОМАРОВ',
  'СЕЙТКАЛИЕВ',
  'ЖУМАБАЕВ',
  'НУРГАЛИЕВ',
  'ТОКАЕВ',
  'ИСЕНОВ',
  'АХМЕТОВ',
  'БЕКОВ',
];
const FATHERS = ['АХМЕТ', 'ЕРМЕК', 'НУРЛАН', 'СЕРИК', 'БОЛАТ', 'МАРАТ', 'КАНАТ', 'ЕРЛАН'];

/** The seed's own family (Профиль and Анкета ребенка): КАМЕНОВ ЕРМЕК АХМЕТОВИЧ and his daughter ДАНИЯ. */
const KNOWN: Record<string, Omit<PersonRecord, 'iin' | 'birthDate' | 'sex'>> = {
  '940225300128': { lastName: 'КАМЕНОВ', firstName: 'ЕРМЕК', middleName: 'АХМЕТОВИЧ' },
  '170720600126': { lastName: 'КАМЕНОВА', firstName: 'ДАНИЯ', middleName: 'ЕРМЕКОВНА' },
};

/** Serial 9999 stands for a person the registry does not know (to exercise "not found"). */
const UNKNOWN_SERIAL = '9999';

export class DemoPersonRegistry implements PersonRegistry {
  async lookup(iin: string): Promise<PersonRecord | null> {
    const parsed = parseIin(iin);
    if (!parsed.ok || iin.slice(7, 11) === UNKNOWN_SERIAL) return null;
    const { birthDate, sex } = parsed.value;
    const known = KNOWN[iin];
    if (known) return { iin, birthDate, sex, ...known };
    const h = createHash('sha256').update(iin).digest();
    const female = sex === 'female';
    const surname = SURNAMES[h[0] % SURNAMES.length] + (female ? 'А' : '');
    const father = FATHERS[h[2] % FATHERS.length];
    return {
      iin,
      lastName: surname,
      firstName: (female ? FEMALE : MALE)[h[1] % 10],
      middleName: father + (female ? 'ОВНА' : 'ОВИЧ'),
      birthDate,
      sex,
    };
  }
}
