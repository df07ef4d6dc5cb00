import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRxStoragePostgres, type RxStoragePostgres } from '../../../sync-server/storage';
import { describeRxStorageConformance } from './storage-conformance';

// Our storage on embedded PGlite, in memory and in a data folder. A peer in the same process shares
// the driver (PGlite opens a folder once per process), so its changes arrive in-process.
let inMemory: RxStoragePostgres;
describeRxStorageConformance({
  name: "PGlite 'memory://'",
  open: async () => {
    inMemory = getRxStoragePostgres({ dataDir: 'memory://' });
    return inMemory;
  },
  openPeer: async () => ({
    storage: getRxStoragePostgres({ driver: await inMemory.driver() }),
    close: async () => {},
  }),
  close: () => inMemory.close(),
});

let folder: string;
let onDisk: RxStoragePostgres;
describeRxStorageConformance({
  name: 'PGlite data folder',
  open: async () => {
    folder = mkdtempSync(join(tmpdir(), 'oryn-pglite-'));
    onDisk = getRxStoragePostgres({ dataDir: folder });
    return onDisk;
  },
  openPeer: async () => ({ storage: getRxStoragePostgres({ dataDir: folder }), close: async () => {} }),
  close: async () => {
    await onDisk.close();
    rmSync(folder, { recursive: true, force: true });
  },
});
