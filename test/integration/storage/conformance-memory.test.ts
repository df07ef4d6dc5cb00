import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { describeRxStorageConformance } from './storage-conformance';

// The control: rxdb's own memory storage must pass the suite, or the suite is wrong.
describeRxStorageConformance({
  name: "rxdb's memory storage (control)",
  open: async () => getRxStorageMemory(),
  openPeer: async () => ({ storage: getRxStorageMemory(), close: async () => {} }),
  close: async () => {},
});
