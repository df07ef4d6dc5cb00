import { type RegionSettingsView, regionSettings } from '../../src/contract';
import { DEFAULT_PRIORITY_WINDOW_WORKING_DAYS } from '../../src/domain';
import type { ServerContext } from '../context';
import { collectionOf } from '../schema';
import { readOne } from '../store';
import { regionScope, supervisorAction } from './supervisor-change';
import type { SupervisorSession } from './supervisor-session';
import { regionSettingsId } from './working-calendar';

/**
 * The regional settings the rules read (docs/domain.md: "a regional setting"; src/domain RegionSettings
 * and the scheduler's interest period), kept in the region's settings document next to its calendar.
 * Their shape is the HTTP contract's: what the page sends is what it is answered.
 */
export const regionSettingsSchema = regionSettings;
export type { RegionSettingsView };

export async function readRegionSettings(ctx: ServerContext, regionId: string): Promise<RegionSettingsView> {
  const doc = await readOne(collectionOf(ctx.db, 'settings'), regionSettingsId(regionId));
  const value = (doc?.value ?? {}) as Record<string, unknown>;
  const interest = value.interestConfirmationDays;
  const window = value.priorityWindowWorkingDays;
  return {
    priorityWindowWorkingDays:
      typeof window === 'number' && Number.isInteger(window) && window >= 1 && window <= 60
        ? window
        : DEFAULT_PRIORITY_WINDOW_WORKING_DAYS,
    stopListUnit: value.stopListUnit === 'calendar' ? 'calendar' : 'working',
    interestConfirmationDays:
      typeof interest === 'number' && Number.isInteger(interest) && interest >= 1 ? interest : null,
  };
}

/** The region's settings as a `settings.edit` action (supervisor-change.ts), under the region's lock. */
export async function saveRegionSettings(
  ctx: ServerContext,
  session: SupervisorSession,
  input: RegionSettingsView,
): Promise<RegionSettingsView> {
  const { interestConfirmationDays, ...rest } = input;
  await supervisorAction(
    ctx,
    session,
    'settings.edit',
    {
      regionId: session.regionId,
      ...rest,
      ...(interestConfirmationDays === null ? {} : { interestConfirmationDays }),
    },
    regionScope(session.regionId),
    'settings',
  );
  return readRegionSettings(ctx, session.regionId);
}
