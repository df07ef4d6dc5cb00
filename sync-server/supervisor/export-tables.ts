import type { AuditEntry, Group, Kindergarten } from '../../src/schema';
import type { Dashboard } from './dashboard';
import type { BulletinSummary, OutOfOrderAllocation, RankedResponder } from './fairness';
import type { PriorityClaim } from './priority-claims';
import type { StaffAccount } from './staff-accounts';
import type { ExportTable } from './table-export';

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

export function dashboardTable(name: (typeof DASHBOARD_TABLES)[number], dashboard: Dashboard): ExportTable {
  switch (name) {
    case 'queue-by-locality':
      return { name, columns: ['localityId', 'count'], rows: dashboard.queueByLocality };
    case 'queue-by-birth-year':
      return { name, columns: ['birthYear', 'count'], rows: dashboard.queueByBirthYear };
    case 'queue-by-language':
      return { name, columns: ['language', 'count'], rows: dashboard.queueByLanguage };
    case 'queue-by-priority':
      return { name, columns: ['priority', 'count'], rows: dashboard.queueByPriority };
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
      'status',
      'publishedAt',
      'totalPlaces',
      'freePlaces',
      'responders',
      'activated',
      'outOfOrder',
    ],
    rows: rows as unknown as Record<string, unknown>[],
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

export function auditTable(entries: AuditEntry[]): ExportTable {
  return {
    name: 'audit',
    columns: [
      'seq',
      'at',
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
  };
}

/** Staff accounts without anything secret (StaffAccount has no hash). */
export function staffTable(rows: StaffAccount[]): ExportTable {
  return {
    name: 'staff',
    columns: ['login', 'name', 'kindergartenId', 'disabled', 'createdAt'],
    rows: rows as unknown as Record<string, unknown>[],
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
  };
}
