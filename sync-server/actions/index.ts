// The action processor (issue 5, issue 12): applies the intent log against the authoritative state.
export { type ActionLoop, startActionLoop } from './action-loop';
export { checkActor, SYSTEM_ACTOR } from './actor-rights';
export { withVisibility } from './apply-batch';
export { AUDIT_LOCK, appendAudit, lastAuditEntry, type UnsealedEntry } from './audit-writer';
export {
  type Coordination,
  coordinationOf,
  inProcessCoordination,
  postgresCoordination,
  setCoordination,
} from './coordination';
export { type JournalEntry, journalSchema, replayJournals } from './journal';
export { type Partition, partitionsOf } from './partition';
export {
  type ActionOutcome,
  MAX_BATCH,
  processAction,
  processPending,
  recoverJournals,
} from './processor';
export { type LoadedState, loadState, StateReader } from './state-loader';
export { processTogether } from './together';
