// The staff workspace's data: the optimistic overlay of pending actions and the runtime that owns the
// replica, its replication and the actions staff perform.
export { computeOverlay, tryAction, type Workspace } from './overlay';
export { deviceId, staffAction } from './staff-action';
export { type AttachedFile, useAttachedFiles } from './attached-files';
export { browserPorts } from './browser-ports';
export type { StaffPorts } from './ports';
export { type Attachments, type PickedFile, type StartFailure, StaffRuntime } from './staff-runtime';
export { useWorkspace } from './use-workspace';
