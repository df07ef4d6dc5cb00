import { makeIin, verificationCode } from '../../src/domain';
import type { Application, Bulletin, Group, Kindergarten, Referral, Response } from '../../src/schema';
import type { Child, Parent } from '../schema';
import { familyByIins } from './names';
import { bulletinFieldsOf } from './bulletin-fields';

/**
 * The children already in the demo's groups (issue 14, item 4: «Зачисленные дети» said «Пока ничего
 * нет» for groups the Groups screen listed with 20–23 enrolled). Each enrolled child is a record, as if
 * admitted through Oryn at the autumn intake: the family, the application `enrolled`, the group's
 * intake bulletin (closed), the response and the referral with its signed contract. A group's `enrolled`
 * is the number of those children, so both screens count one source (src/domain/places.ts counts it).
 *
 * Names come from the families' IINs (seed/names.ts familyByIins) and IINs from their own serial range,
 * so these children draw nothing from the seed's random sequence: the rest of the demo stays as it was.
 */
export interface EnrolledChildren {
  parents: Parent[];
  children: Child[];
  applications: Application[];
  bulletins: Bulletin[];
  responses: Response[];
  referrals: Referral[];
}

export interface EnrolledInput {
  groups: readonly Group[];
  kindergartens: ReadonlyMap<string, Kindergarten>;
  /** The kindergarten's employee who signed the contracts (her account id and name). */
  staffOf: (kindergartenId: string) => { id: string; name: string };
  /** IINs already given to someone in the demo. */
  usedIins: Set<string>;
  nowMs: number;
  /** The password hash of accounts nobody logs into. */
  lockedHash: string;
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** An unused IIN for a birth date and sex, from a serial range the seed's other people do not use. */
function freshIin(used: Set<string>, birthDate: string, sex: 'male' | 'female', from: number): string {
  for (let serial = from; serial < from + 2000; serial++) {
    const iin = makeIin({ birthDate, sex, serial: serial % 9999 });
    if (iin && !used.has(iin)) {
      used.add(iin);
      return iin;
    }
  }
  throw new Error('no free IIN for an enrolled child');
}

export function enrolledChildren(input: EnrolledInput): EnrolledChildren {
  const out: EnrolledChildren = {
    parents: [],
    children: [],
    applications: [],
    bulletins: [],
    responses: [],
    referrals: [],
  };
  const now = new Date(input.nowMs);
  // The intake of this school year: places published in August, contracts signed by the end of it.
  const year = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
  const intakeMs = Date.UTC(year, 7, 1, 4);
  const createdAt = now.toISOString();
  let n = 0;
  for (const group of input.groups) {
    if (group.enrolled <= 0) continue;
    const kg = input.kindergartens.get(group.kindergartenId);
    if (!kg) continue;
    const staff = input.staffOf(kg.id);
    const bulletinId = `bul-intake-${group.id}`;
    out.bulletins.push({
      id: bulletinId,
      ...bulletinFieldsOf(kg, group),
      totalPlaces: group.enrolled,
      freePlaces: 0,
      vacancyAt: new Date(intakeMs).toISOString(),
      publishedAt: new Date(intakeMs).toISOString(),
      priorityUntil: new Date(intakeMs + 5 * 86_400_000).toISOString(),
      access: 'all',
      status: 'closed',
      authorId: staff.id,
      authorName: staff.name,
      updatedAt: input.nowMs,
    });
    for (let i = 0; i < group.enrolled; i++, n++) {
      const birthYear = group.birthYears[i % group.birthYears.length];
      const birthDate = day(Date.UTC(birthYear, (i * 5 + n) % 12, 1 + ((i * 7 + n) % 28)));
      const childSex = n % 2 === 0 ? 'female' : 'male';
      const parentSex = n % 5 < 3 ? 'female' : 'male';
      const childIin = freshIin(input.usedIins, birthDate, childSex, 5000 + (n % 4000));
      const parentBirth = day(Date.UTC(1985 + (n % 15), n % 12, 1 + (n % 28)));
      const parentIin = freshIin(input.usedIins, parentBirth, parentSex, 5000 + ((n * 7) % 4000));
      const names = familyByIins({ iin: parentIin, sex: parentSex }, { iin: childIin, sex: childSex });
      const childName = [names.child.lastName, names.child.firstName, names.child.middleName].join(' ');
      const parentId = `parent:enrolled-${String(n).padStart(5, '0')}`;
      const childId = `child:${childIin}`;
      const appId = `app-enrolled-${String(n).padStart(5, '0')}`;
      // Filed after the youngest birth year ended and activated in the same order, so the intake's
      // allocation is in queue order (the fairness list finds nothing out of order in it).
      const filedMs = Date.UTC(Math.max(...group.birthYears) + 1, 0, 10) + i * 2 * 86_400_000;
      const activatedMs = intakeMs + 7 * 86_400_000 + i * 3_600_000;
      const signedMs = activatedMs + 2 * 86_400_000;
      out.parents.push({
        id: parentId,
        phone: `+7708${String(1_000_000 + n).slice(-7)}`,
        consentVersion: '2026-01',
        consentAt: createdAt,
        passwordHash: input.lockedHash,
        iin: parentIin,
        ...names.parent,
        birthDate: parentBirth,
        sex: parentSex,
        tokenVersion: 0,
        createdAt,
        updatedAt: input.nowMs,
      });
      out.children.push({
        id: childId,
        iin: childIin,
        ...names.child,
        birthDate,
        sex: childSex,
        parentId,
        createdAt,
        updatedAt: input.nowMs,
      });
      out.applications.push({
        id: appId,
        childId,
        childIin,
        childName,
        parentId,
        birthYear,
        filedAt: new Date(filedMs).toISOString(),
        groupType: group.groupType,
        languages: [group.language],
        regionId: kg.regionId,
        localityId: kg.localityId,
        priority: 'none',
        claimedPriority: 'none',
        status: 'enrolled',
        enrolledKindergartenId: kg.id,
        enrolledGroupId: group.id,
        updatedAt: input.nowMs,
      });
      const responseId = `resp-enrolled-${String(n).padStart(5, '0')}`;
      out.responses.push({
        id: responseId,
        applicationId: appId,
        bulletinId,
        kindergartenId: kg.id,
        childIin,
        childName,
        birthYear,
        filedAt: new Date(filedMs).toISOString(),
        priority: 'none',
        respondedAt: new Date(intakeMs + 6 * 86_400_000).toISOString(),
        status: 'activated',
        activatedAt: new Date(activatedMs).toISOString(),
        activatedBy: staff.id,
        updatedAt: input.nowMs,
      });
      const referralId = `ref-enrolled-${String(n).padStart(5, '0')}`;
      out.referrals.push({
        id: referralId,
        applicationId: appId,
        bulletinId,
        responseId,
        kindergartenId: kg.id,
        groupId: group.id,
        childIin,
        childName,
        parentId,
        parentName: [names.parent.lastName, names.parent.firstName, names.parent.middleName].join(' '),
        activatedAt: new Date(activatedMs).toISOString(),
        activatedBy: staff.id,
        validUntil: day(activatedMs + 7 * 86_400_000),
        status: 'enrolled',
        verificationCode: verificationCode(referralId),
        contractNumber: `${i + 1}/${year}`,
        contractDate: day(signedMs),
        signedAt: new Date(signedMs).toISOString(),
        signedBy: staff.id,
        updatedAt: input.nowMs,
      });
    }
  }
  return out;
}
