import type { RxJsonSchema } from 'rxdb';
import { type Action, ACTION_KINDS, actionSchema, SUPERVISOR_ACTION_KINDS } from '../../src/schema';

/** The kinds each earlier version of `actions` did not have yet (src/schema/actions.ts). */
const LATER_KINDS: Record<EarlierVersion, readonly string[]> = {
  0: SUPERVISOR_ACTION_KINDS,
  1: ['parent.releaseIin'],
};
export type EarlierVersion = 0 | 1;
export const EARLIER_VERSIONS: readonly EarlierVersion[] = [0, 1];

/**
 * `actions` as an earlier release shipped it: its version, and the kinds of its enum — what a data
 * folder or a workstation's replica written before an update holds (the migration tests, server and
 * workstation).
 */
export const earlierActionSchema = (version: EarlierVersion) =>
  ({
    ...actionSchema,
    version,
    properties: {
      ...actionSchema.properties,
      kind: {
        ...actionSchema.properties.kind,
        enum: ACTION_KINDS.filter((k) => !LATER_KINDS[version].includes(k)),
      },
    },
  }) as unknown as RxJsonSchema<Action>;
