import type { Child, Parent } from '../schema';

/** A seeded person as the parents' and children's documents hold them (the patronymic may be absent). */
export interface SeededPerson {
  lastName: string;
  firstName: string;
  middleName?: string;
  birthDate: string;
  sex: Child['sex'];
}

export interface SeededFamily {
  parentId: string;
  phone: string;
  passwordHash: string;
  parentIin: string;
  parent: SeededPerson;
  childIin: string;
  child: SeededPerson;
  /** When the seed ran, as stored in `createdAt`/`consentAt` and in `updatedAt`. */
  nowIso: string;
  nowMs: number;
}

const named = (p: SeededPerson) => ({
  lastName: p.lastName,
  firstName: p.firstName,
  ...(p.middleName ? { middleName: p.middleName } : {}),
  birthDate: p.birthDate,
  sex: p.sex,
});

/** A parent's account (consent given, token version 0) and their child, the demo and region seeds alike. */
export function familyDocs(f: SeededFamily): { parent: Parent; child: Child } {
  return {
    parent: {
      id: f.parentId,
      phone: f.phone,
      consentVersion: '2026-01',
      consentAt: f.nowIso,
      passwordHash: f.passwordHash,
      iin: f.parentIin,
      ...named(f.parent),
      tokenVersion: 0,
      createdAt: f.nowIso,
      updatedAt: f.nowMs,
    },
    child: {
      id: `child:${f.childIin}`,
      iin: f.childIin,
      ...named(f.child),
      parentId: f.parentId,
      createdAt: f.nowIso,
      updatedAt: f.nowMs,
    },
  };
}
