import { parseIin } from '../../src/domain';
import type { PersonRecord, PersonRegistry } from '../context';
import { chooserFromKey, personName } from '../seed/names';

// Oryn has no access to the state registry (docs/domain.md, People and identity): this stand-in answers
// for every valid IIN with a deterministic Kazakh name (seed/names.ts, where the demo seed names its
// families too), and with the IIN's own birth date and sex.

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
    return { iin, ...personName(sex, chooserFromKey(iin)), birthDate, sex };
  }
}
