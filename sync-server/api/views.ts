import { catalogueName } from '../../src/i18n/catalogueName';
import type { Kindergarten } from '../../src/schema';
import type { Child, Parent } from '../schema';
import type { Language } from './language';

/**
 * The profile as the seed's "Профиль" shows it (Логин, ИИН, ФИО, дата рождения, пол, телефоны, адрес,
 * фото); never the hash or the token version. Absent fields are left out.
 */
export function meView(p: Parent) {
  return {
    id: p.id,
    login: p.phone,
    phone: p.phone,
    iin: p.iin,
    lastName: p.lastName,
    firstName: p.firstName,
    middleName: p.middleName,
    birthDate: p.birthDate,
    sex: p.sex,
    contactPhone: p.contactPhone,
    extraPhone: p.extraPhone,
    address: p.address,
    photoUrl: p.photoId ? `/api/me/photo?v=${encodeURIComponent(String(p.updatedAt))}` : undefined,
    /** Registration step 4 (the parent's IIN) is still to do. */
    needsIin: !p.iin,
  };
}

export function childView(c: Child) {
  return {
    id: c.id,
    iin: c.iin,
    lastName: c.lastName,
    firstName: c.firstName,
    middleName: c.middleName,
    birthDate: c.birthDate,
    sex: c.sex,
    fullName: fullName(c),
  };
}

export function fullName(p: { lastName?: string; firstName?: string; middleName?: string }): string {
  return [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');
}

/** A kindergarten's name in the caller's language (kk and ru from the catalogue, en transliterated). */
export function kindergartenName(k: Pick<Kindergarten, 'nameKk' | 'nameRu'>, lng: Language): string {
  return catalogueName(k, lng);
}
