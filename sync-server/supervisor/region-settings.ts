import { z } from 'zod';
import { DEFAULT_PRIORITY_WINDOW_WORKING_DAYS } from '../../src/domain';
import type { ServerContext } from '../context';
import { collectionOf } from '../schema';
import { readOne } from '../store';
import { regionLock, supervisorChange } from './supervisor-change';
import type { SupervisorSession } from './supervisor-session';
import { regionSettingsId } from './working-calendar';

/**
 * The regional settings the rules read (docs/domain.md: "a regional setting"; src/domain RegionSettings and
 * the scheduler's interest period), kept in the region's settings document next to its calendar.
 */
export const regionSettingsSchema = z.object({
  /** The bulletin's priority window in working days (docs/domain.md: 3 by default). */
  priorityWindowWorkingDays: z.number().int().min(1).max(60),
  /** The 10 stop-list days in working days (the seed) or calendar days (some cities). */
  stopListUnit: z.enum(['working', 'calendar']),
  /** "Заинтересован": how often parents confirm interest; null when the region does not ask. */
  interestConfirmationDays: z.number().int().min(1).max(365).nullable(),
});
export type RegionSettingsView = z.infer<typeof regionSettingsSchema>;

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

export async function saveRegionSettings(
  ctx: ServerContext,
  session: SupervisorSession,
  input: RegionSettingsView,
): Promise<RegionSettingsView> {
  const { interestConfirmationDays, ...rest } = input;
  const id = regionSettingsId(session.regionId);
  await supervisorChange(ctx, session, regionLock(session.regionId), 'settings.edit', async () => {
    const doc = await regionSettingsDoc(ctx, session, (value) => {
      const next: Record<string, unknown> = { ...value, ...rest };
      if (interestConfirmationDays === null) delete next.interestConfirmationDays;
      else next.interestConfirmationDays = interestConfirmationDays;
      return next;
    });
    return { writes: [{ collection: 'settings', doc }], entityIds: [id], payload: { ...input }, result: doc };
  });
  return readRegionSettings(ctx, session.regionId);
}

/**
 * The region's settings document with `value` changed by `apply`, read now (call it under the region's
 * lock): the calendar and the other settings share it, so neither edit may drop the other's.
 */
export async function regionSettingsDoc(
  ctx: ServerContext,
  session: SupervisorSession,
  apply: (value: Record<string, unknown>) => Record<string, unknown>,
) {
  const id = regionSettingsId(session.regionId);
  const now = ctx.now().getTime();
  const existing = await readOne(collectionOf(ctx.db, 'settings'), id);
  return {
    id,
    kind: 'region' as const,
    value: apply((existing?.value ?? {}) as Record<string, unknown>),
    updatedBy: session.userId,
    updatedAt: existing ? Math.max(now, existing.updatedAt + 1) : now,
  };
}
