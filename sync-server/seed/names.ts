/**
 * People's names of the demo data, in one place (issue 14, item 5): the demo seed, the region seed and
 * the demo person registry all name people here, so families stay coherent wherever they are made.
 *
 * A family has a surname and the father's first name, written in one of the two forms Kazakh ID
 * documents hold: the Russian form (КАМЕНОВ, ЕРМЕКОВИЧ / ЕРМЕКОВНА) or the Kazakh one (ҚАМЕНОВ,
 * ЕРМЕКҰЛЫ / ЕРМЕКҚЫЗЫ). Children carry the family surname in their sex's form and a patronymic from
 * the father's first name; a mother carries the family surname and her own father's name.
 */

import { createHash } from 'node:crypto';

export type Sex = 'male' | 'female';
/** Which spelling a family's documents use. */
export type NameForm = 'ru' | 'kk';

export interface PersonName {
  lastName: string;
  firstName: string;
  middleName: string;
}

/** Anything that picks an item: the seed's SeededRandom, or the registry's hash of an IIN. */
export interface Chooser {
  pick<T>(items: readonly T[]): T;
}

/** Picks by the bytes of a hash of `key` (an IIN, two IINs), so one key always gets one name. */
export function chooserFromKey(key: string): Chooser {
  const bytes = createHash('sha256').update(key).digest();
  let next = 0;
  return { pick: (items) => items[bytes.readUInt16BE((next++ * 2) % 30) % items.length] };
}

interface Spelling {
  ru: string;
  kk: string;
}

/** Surnames in their male form (the female form adds А), as the Russian and the Kazakh form spell them. */
const SURNAMES: Spelling[] = [
  { ru: 'КАМЕНОВ', kk: 'ҚАМЕНОВ' },
  { ru: 'ОМАРОВ', kk: 'ОМАРОВ' },
  { ru: 'СЕЙТКАЛИЕВ', kk: 'СЕЙТҚАЛИЕВ' },
  { ru: 'ЖУМАБАЕВ', kk: 'ЖҰМАБАЕВ' },
  { ru: 'НУРГАЛИЕВ', kk: 'НҰРҒАЛИЕВ' },
  { ru: 'ТОКАЕВ', kk: 'ТОҚАЕВ' },
  { ru: 'ИСЕНОВ', kk: 'ИСЕНОВ' },
  { ru: 'АХМЕТОВ', kk: 'АХМЕТОВ' },
  { ru: 'БЕКОВ', kk: 'БЕКОВ' },
  { ru: 'САРСЕНБАЕВ', kk: 'СӘРСЕНБАЕВ' },
  { ru: 'КУАНЫШЕВ', kk: 'ҚУАНЫШЕВ' },
  { ru: 'ЕСЕНОВ', kk: 'ЕСЕНОВ' },
  { ru: 'ТУРСУНОВ', kk: 'ТҰРСЫНОВ' },
  { ru: 'АБДРАХМАНОВ', kk: 'ӘБДІРАХМАНОВ' },
  { ru: 'ЖАКСЫБЕКОВ', kk: 'ЖАҚСЫБЕКОВ' },
  { ru: 'КАСЫМОВ', kk: 'ҚАСЫМОВ' },
  { ru: 'МУКАНОВ', kk: 'МҰҚАНОВ' },
  { ru: 'ОРАЗБАЕВ', kk: 'ОРАЗБАЕВ' },
  { ru: 'ШАРИПОВ', kk: 'ШАРІПОВ' },
  { ru: 'ДОСМАГАМБЕТОВ', kk: 'ДОСМАҒАМБЕТОВ' },
];

/** Men's first names; each ends in a consonant, so a patronymic is the name and a suffix. */
const MALE: Spelling[] = [
  { ru: 'ЕРМЕК', kk: 'ЕРМЕК' },
  { ru: 'НУРЛАН', kk: 'НҰРЛАН' },
  { ru: 'АЙДОС', kk: 'АЙДОС' },
  { ru: 'АРМАН', kk: 'АРМАН' },
  { ru: 'ДАНИЯР', kk: 'ДАНИЯР' },
  { ru: 'ЕРЛАН', kk: 'ЕРЛАН' },
  { ru: 'АСЛАН', kk: 'АСЛАН' },
  { ru: 'ТИМУР', kk: 'ТИМУР' },
  { ru: 'АЛИХАН', kk: 'ӘЛИХАН' },
  { ru: 'САНЖАР', kk: 'САНЖАР' },
  { ru: 'СЕРИК', kk: 'СЕРІК' },
  { ru: 'БОЛАТ', kk: 'БОЛАТ' },
  { ru: 'МАРАТ', kk: 'МАРАТ' },
  { ru: 'КАНАТ', kk: 'ҚАНАТ' },
  { ru: 'АХМЕТ', kk: 'АХМЕТ' },
  { ru: 'ЖАНДОС', kk: 'ЖАНДОС' },
];

const FEMALE: Spelling[] = [
  { ru: 'ДАНИЯ', kk: 'ДАНИЯ' },
  { ru: 'АЙГЕРИМ', kk: 'АЙГЕРІМ' },
  { ru: 'АЛИЯ', kk: 'ӘЛИЯ' },
  { ru: 'ДИНАРА', kk: 'ДИНАРА' },
  { ru: 'ЖАНСАЯ', kk: 'ЖАНСАЯ' },
  { ru: 'КАМИЛА', kk: 'КАМИЛА' },
  { ru: 'МАДИНА', kk: 'МАДИНА' },
  { ru: 'САБИНА', kk: 'САБИНА' },
  { ru: 'АРУЖАН', kk: 'АРУЖАН' },
  { ru: 'АЙША', kk: 'АЙША' },
  { ru: 'ГУЛЬМИРА', kk: 'ГҮЛМИРА' },
  { ru: 'САУЛЕ', kk: 'САУЛЕ' },
  { ru: 'АСЕЛЬ', kk: 'ӘСЕЛ' },
  { ru: 'ЖАНАР', kk: 'ЖАНАР' },
];

/** A family: its surname, the father's first name and the form its documents are written in. */
export interface Family {
  surname: Spelling;
  father: Spelling;
  form: NameForm;
}

/** A new family; two in three write their documents in the Russian form, as most IDs still do. */
export function newFamily(choose: Chooser): Family {
  return {
    surname: choose.pick(SURNAMES),
    father: choose.pick(MALE),
    form: choose.pick<NameForm>(['ru', 'ru', 'kk']),
  };
}

/** The family of a known person: the surname and first name as written, in the given form. */
export function familyOf(surname: string, father: string, form: NameForm): Family {
  const stem = surname.replace(/А$/, '');
  return { surname: { ru: stem, kk: stem }, father: { ru: father, kk: father }, form };
}

export function surnameFor(family: Family, sex: Sex): string {
  const surname = family.surname[family.form];
  return sex === 'female' ? `${surname}А` : surname;
}

/** A patronymic from a father's first name: ЕРМЕКОВИЧ / ЕРМЕКОВНА, or ЕРМЕКҰЛЫ / ЕРМЕКҚЫЗЫ. */
export function patronymic(father: Spelling, sex: Sex, form: NameForm): string {
  if (form === 'kk') return `${father.kk}${sex === 'female' ? 'ҚЫЗЫ' : 'ҰЛЫ'}`;
  return `${father.ru}${sex === 'female' ? 'ОВНА' : 'ОВИЧ'}`;
}

/** A child of the family: the family surname, a first name, the patronymic from the father's name. */
export function childName(family: Family, sex: Sex, choose: Chooser): PersonName {
  return {
    lastName: surnameFor(family, sex),
    firstName: choose.pick(sex === 'female' ? FEMALE : MALE)[family.form],
    middleName: patronymic(family.father, sex, family.form),
  };
}

/** The father (his own father's name is another's) or the mother (her own father's) of the family. */
export function parentName(family: Family, sex: Sex, choose: Chooser): PersonName {
  const ownFather = choose.pick(MALE);
  return {
    lastName: surnameFor(family, sex),
    firstName: sex === 'male' ? family.father[family.form] : choose.pick(FEMALE)[family.form],
    middleName: patronymic(ownFather, sex, family.form),
  };
}

/**
 * A parent and a child of one family named from their IINs alone (the same pair, the same names): for a
 * seed that takes birth dates and sexes from the IINs and must not draw from its own random sequence.
 */
export function familyByIins(
  parent: { iin: string; sex: Sex },
  child: { iin: string; sex: Sex },
): { parent: PersonName; child: PersonName } {
  const choose = chooserFromKey(`${parent.iin}/${child.iin}`);
  const family = newFamily(choose);
  return { parent: parentName(family, parent.sex, choose), child: childName(family, child.sex, choose) };
}

/** A person not placed in a family (the registry's answer for an IIN it has no family for). */
export function personName(sex: Sex, choose: Chooser): PersonName {
  return childName(newFamily(choose), sex, choose);
}

const title = (word: string) =>
  word
    .split('-')
    .map((w) => w.charAt(0) + w.slice(1).toLocaleLowerCase('kk'))
    .join('-');

/**
 * `count` different staff names as an office writes them («Исенова Гулмира Серікқызы»): no two
 * employees share a name (issue 14: many were «Ахметова Мадина»), and while the lists allow it no two
 * share a surname and first name either, which is how colleagues tell each other apart.
 */
export function staffNames(count: number, choose: Chooser): string[] {
  const names: string[] = [];
  const full = new Set<string>();
  const short = new Set<string>();
  const pairs = SURNAMES.length * FEMALE.length;
  for (let tries = 0; names.length < count; tries++) {
    if (tries > count * 1000) throw new RangeError(`could not make ${count} distinct staff names`);
    const { lastName, firstName, middleName } = parentName(newFamily(choose), 'female', choose);
    const pair = `${title(lastName)} ${title(firstName)}`;
    const name = `${pair} ${title(middleName)}`;
    if (full.has(name) || (short.has(pair) && short.size < pairs * 0.7)) continue;
    full.add(name);
    short.add(pair);
    names.push(name);
  }
  return names;
}
