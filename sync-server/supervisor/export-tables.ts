import { ageGroupCode, placeTypeCode } from '../../src/domain';
import { auditSentence, type DescribedAuditEntry } from '../../src/i18n/auditSentence';
import { type CatalogueNames, catalogueName } from '../../src/i18n/catalogueName';
import type { Group, Kindergarten } from '../../src/schema';
import type { Dashboard } from './dashboard';
import type { BulletinSummary, OutOfOrderAllocation, RankedResponder } from './fairness';
import type { PriorityClaim } from './priority-claims';
import type { StaffAccount } from './staff-accounts';
import type { CodedCell, ExportTable } from './table-export';

/**
 * Every table the pages show, by the name used in /export/<name>.<csv|xlsx> (issue 8: "export of every
 * table"). Column names are stable identifiers here; a file is written in the page's language
 * (table-export.ts: the columns' names, the totals' measures, times in Asia/Almaty).
 */
export const DASHBOARD_TABLES = [
  'queue-by-locality',
  'queue-by-birth-year',
  'queue-by-language',
  'queue-by-priority',
  'bulletins-over-time',
  'expiring-referrals',
  'totals',
] as const;
export const OTHER_TABLES = [
  'bulletins',
  'responders',
  'out-of-order',
  'audit',
  'kindergartens',
  'groups',
  'staff',
  'priority-claims',
] as const;
export type TableName = (typeof DASHBOARD_TABLES)[number] | (typeof OTHER_TABLES)[number];

/** Every column of the exported tables: each has a name in kk, ru and en (supervisor.exportColumns). */
export const EXPORT_COLUMNS = [
  'localityId',
  'count',
  'birthYear',
  'language',
  'priority',
  'period',
  'published',
  'closed',
  'placesPublished',
  'referralId',
  'kindergartenId',
  'kindergartenName',
  'childName',
  'lastDay',
  'daysLeft',
  'measure',
  'value',
  'bulletinId',
  'birthYears',
  'status',
  'publishedAt',
  'totalPlaces',
  'freePlaces',
  'responders',
  'activated',
  'outOfOrder',
  'activatedAt',
  'rank',
  'activatedBy',
  'reason',
  'passedOver',
  'seq',
  'at',
  'event',
  'kind',
  'actor',
  'actorRole',
  'entityIds',
  'actionId',
  'payload',
  'hash',
  'childIin',
  'filedAt',
  'queueNumber',
  'skipReason',
  'id',
  'nameKk',
  'nameRu',
  'ownership',
  'address',
  'phone',
  'languages',
  'groups',
  'name',
  'groupType',
  'ageGroup',
  'placeType',
  'capacity',
  'enrolled',
  'login',
  'disabled',
  'createdAt',
  'applicationId',
  'claimedPriority',
  'priorityConfirmedBy',
  'priorityConfirmedAt',
] as const;

/** The measures of the 'totals' table (supervisor.exportMeasures). */
export const EXPORT_MEASURES = [
  'asOf',
  'periodFrom',
  'periodTo',
  'queue',
  'pendingPriority',
  'stopListed',
  'publishedBulletins',
  'freePlaces',
  'referralsActive',
  'enrolments',
  'noShows',
  'medianDaysToEnrolment',
  'noShowRate',
  'stopListRate',
] as const;
export const TABLE_NAMES: readonly TableName[] = [...DASHBOARD_TABLES, ...OTHER_TABLES];

// Coded cells (table-export.ts, `coded`): the groups of texts their codes are read from.
const LANGUAGE = 'common.languages';
const PRIORITY = 'common.priorities';
const CATALOGUE_STATUS = 'supervisor.management.statuses';
/** Age groups and place types stored as text before codes (catalogue-codes.ts) are read as their code. */
const AGE_GROUP: CodedCell = (row, t) =>
  typeof row.ageGroup === 'string' ? namedCode(t, 'common.ageGroups', ageGroupCode(row.ageGroup)) : '';
const PLACE_TYPE: CodedCell = (row, t) =>
  typeof row.placeType === 'string' ? namedCode(t, 'common.placeTypes', placeTypeCode(row.placeType)) : '';
/** An entry's kind by name (the kinds of the audit log are the action kinds). */
const KIND: CodedCell = (row, t) => t(`common.actionKinds.${row.kind}`, { defaultValue: String(row.kind) });
const EVENT: CodedCell = (row, t, lng) => auditSentence(t, row as unknown as DescribedAuditEntry, lng);

function namedCode(t: Parameters<CodedCell>[1], group: string, code: string): string {
  return t(`${group}.${code}`, { defaultValue: code });
}

export function dashboardTable(name: (typeof DASHBOARD_TABLES)[number], dashboard: Dashboard): ExportTable {
  switch (name) {
    case 'queue-by-locality':
      return { name, columns: ['localityId', 'count'], rows: dashboard.queueByLocality };
    case 'queue-by-birth-year':
      return { name, columns: ['birthYear', 'count'], rows: dashboard.queueByBirthYear };
    case 'queue-by-language':
      return {
        name,
        columns: ['language', 'count'],
        rows: dashboard.queueByLanguage,
        coded: { language: LANGUAGE },
      };
    case 'queue-by-priority':
      return {
        name,
        columns: ['priority', 'count'],
        rows: dashboard.queueByPriority,
        coded: { priority: PRIORITY },
      };
    case 'bulletins-over-time':
      return {
        name,
        columns: ['period', 'published', 'closed', 'placesPublished'],
        rows: dashboard.bulletinsOverTime,
      };
    case 'expiring-referrals':
      return {
        name,
        columns: ['referralId', 'kindergartenId', 'kindergartenName', 'childName', 'lastDay', 'daysLeft'],
        rows: dashboard.expiringReferrals,
      };
    case 'totals':
      return {
        name,
        columns: ['measure', 'value'],
        rows: [
          { measure: 'asOf', value: dashboard.asOf },
          { measure: 'periodFrom', value: dashboard.period.from },
          { measure: 'periodTo', value: dashboard.period.to },
          ...Object.entries(dashboard.totals).map(([measure, value]) => ({ measure, value })),
        ],
      };
  }
}

export function bulletinsTable(rows: BulletinSummary[]): ExportTable {
  return {
    name: 'bulletins',
    columns: [
      'bulletinId',
      'kindergartenName',
      'language',
      'birthYears',
      'ageGroup',
      'placeType',
      'status',
      'publishedAt',
      'totalPlaces',
      'freePlaces',
      'responders',
      'activated',
      'outOfOrder',
    ],
    rows: rows as unknown as Record<string, unknown>[],
    coded: {
      language: LANGUAGE,
      ageGroup: AGE_GROUP,
      placeType: PLACE_TYPE,
      status: 'common.bulletinStatuses',
    },
  };
}

export function outOfOrderTable(rows: OutOfOrderAllocation[]): ExportTable {
  return {
    name: 'out-of-order',
    columns: [
      'activatedAt',
      'kindergartenName',
      'bulletinId',
      'childName',
      'rank',
      'activatedBy',
      'reason',
      'passedOver',
    ],
    rows: rows.map((r) => ({
      ...r,
      passedOver: r.passedOver.map((p) => `${p.rank}. ${p.childName}`).join('; '),
    })),
  };
}

/** The audit log as its page reads: one sentence per entry, then the ids an auditor checks. */
export function auditTable(entries: DescribedAuditEntry[]): ExportTable {
  return {
    name: 'audit',
    columns: [
      'seq',
      'at',
      'event',
      'kind',
      'actor',
      'actorRole',
      'kindergartenId',
      'entityIds',
      'actionId',
      'payload',
      'hash',
    ],
    rows: entries as unknown as Record<string, unknown>[],
    coded: { event: EVENT, kind: KIND, actorRole: 'supervisor.audit.roles' },
  };
}

export function respondersTable(rows: RankedResponder[]): ExportTable {
  return {
    name: 'responders',
    columns: [
      'rank',
      'childName',
      'childIin',
      'priority',
      'filedAt',
      'queueNumber',
      'status',
      'activatedAt',
      'activatedBy',
      'skipReason',
    ],
    rows: rows as unknown as Record<string, unknown>[],
    coded: { priority: PRIORITY, status: 'common.responseStatuses' },
  };
}

export function kindergartensTable(rows: (Kindergarten & { groups: number })[]): ExportTable {
  return {
    name: 'kindergartens',
    columns: [
      'id',
      'nameKk',
      'nameRu',
      'ownership',
      'localityId',
      'address',
      'phone',
      'languages',
      'groups',
      'status',
    ],
    rows: rows as unknown as Record<string, unknown>[],
    coded: { ownership: 'common.ownership', languages: LANGUAGE, status: CATALOGUE_STATUS },
  };
}

export function groupsTable(rows: Group[]): ExportTable {
  return {
    name: 'groups',
    columns: [
      'id',
      'kindergartenId',
      'name',
      'groupType',
      'language',
      'birthYears',
      'ageGroup',
      'capacity',
      'enrolled',
      'status',
    ],
    rows: rows as unknown as Record<string, unknown>[],
    coded: {
      groupType: 'common.groupTypes',
      language: LANGUAGE,
      ageGroup: AGE_GROUP,
      status: CATALOGUE_STATUS,
    },
  };
}

/** Staff accounts without anything secret (StaffAccount has no hash). */
export function staffTable(rows: StaffAccount[]): ExportTable {
  return {
    name: 'staff',
    columns: ['login', 'name', 'kindergartenId', 'disabled', 'createdAt'],
    rows: rows as unknown as Record<string, unknown>[],
    // A boolean reads as yes/no in the page's language.
    coded: { disabled: 'common' },
  };
}

export function priorityClaimsTable(rows: PriorityClaim[]): ExportTable {
  return {
    name: 'priority-claims',
    columns: [
      'applicationId',
      'childName',
      'childIin',
      'localityId',
      'filedAt',
      'claimedPriority',
      'priority',
      'priorityConfirmedBy',
      'priorityConfirmedAt',
    ],
    rows: rows as unknown as Record<string, unknown>[],
    coded: { claimedPriority: PRIORITY, priority: PRIORITY },
  };
}

/** The region's names of its kindergartens and localities in kk/ru (en by catalogueName's rule). */
export interface RegionNames {
  kindergartens: ReadonlyMap<string, CatalogueNames>;
  localities: ReadonlyMap<string, CatalogueNames>;
}

/**
 * A table whose cells name a kindergarten or a locality writes them in the page's language (issue 14,
 * item 6/7: the screen shows «Балапан» as «Балапан» in kk and "Balapan" in en, the export wrote the
 * Russian name, and locality ids such as `turkestan-city`). A name the region does not know keeps what
 * the row had.
 */
export function withRegionNames(table: ExportTable, names: RegionNames): ExportTable {
  const coded: Record<string, string | CodedCell> = { ...table.coded };
  if (table.columns.includes('kindergartenName') && !coded.kindergartenName)
    coded.kindergartenName = (row, _t, lng) => {
      const given = typeof row.kindergartenName === 'string' ? row.kindergartenName : '';
      const named = names.kindergartens.get(String(row.kindergartenId ?? ''));
      return named ? catalogueName(named, lng, given) : given;
    };
  if (table.columns.includes('localityId') && !coded.localityId)
    coded.localityId = (row, _t, lng) => {
      const id = typeof row.localityId === 'string' ? row.localityId : '';
      const named = names.localities.get(id);
      return named ? catalogueName(named, lng, id) : id;
    };
  return { ...table, coded };
}
