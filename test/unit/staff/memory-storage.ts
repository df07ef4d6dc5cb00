import type { RxStorage } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';

/** A Storage (localStorage/sessionStorage) in memory, for the renderer's modules under Node. */
export function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, String(value)),
  };
}

/** rxdb's memory storage with every document the replica writes recorded as it reaches the storage. */
export function recordingStorage(written: Record<string, unknown>[]) {
  const memory = getRxStorageMemory();
  return {
    ...memory,
    async createStorageInstance(params: Parameters<typeof memory.createStorageInstance>[0]) {
      const instance = await memory.createStorageInstance(params);
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        for (const row of rows) written.push(row.document as Record<string, unknown>);
        return bulkWrite(rows, context);
      };
      return instance;
    },
  } as RxStorage<unknown, unknown>;
}

/**
 * rxdb's memory storage whose next write to one collection fails at the storage itself, as a full disk
 * or an exhausted IndexedDB quota would: `failNext()` arms it once.
 */
export function failingStorage(collectionName: string) {
  const memory = getRxStorageMemory();
  let armed = false;
  const storage = {
    ...memory,
    async createStorageInstance(params: Parameters<typeof memory.createStorageInstance>[0]) {
      const instance = await memory.createStorageInstance(params);
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) => {
        if (params.collectionName === collectionName && armed) {
          armed = false;
          return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
        }
        return bulkWrite(rows, context);
      };
      return instance;
    },
  } as RxStorage<unknown, unknown>;
  return {
    storage,
    failNext: () => {
      armed = true;
    },
  };
}
