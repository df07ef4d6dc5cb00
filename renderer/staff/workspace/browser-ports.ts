import { useReplicaStore, useSessionStore, useSyncStore } from '../state';
import { useAttachedFiles } from './attached-files';
import type { StaffPorts } from './ports';

/**
 * The ports of the running app: the zustand stores the screens subscribe to, the window's storages,
 * network events and timers, and the system clock. The only place the runtime meets the window.
 */
export function browserPorts(window: Window): StaffPorts {
  return {
    now: () => new Date(),
    session: {
      current: () => useSessionStore.getState().session,
      setTokens: (tokens) => useSessionStore.getState().setTokens(tokens),
    },
    sync: {
      get: () => useSyncStore.getState(),
      setOnline: (online) => useSyncStore.getState().setOnline(online),
      setActive: (active) => useSyncStore.getState().setActive(active),
      setLastSyncAt: (at) => useSyncStore.getState().setLastSyncAt(at),
      setProblem: (problem) => useSyncStore.getState().setProblem(problem),
    },
    view: {
      replace: (collection, docs) => useReplicaStore.getState().replace(collection, docs),
      files: (files) => useAttachedFiles.getState().replace(files),
      reset: () => {
        useReplicaStore.getState().reset();
        useAttachedFiles.getState().replace([]);
      },
    },
    storage: { local: window.localStorage, session: window.sessionStorage },
    fetch: (input, init) => window.fetch(input, init),
    network: {
      online: () => window.navigator.onLine,
      watch(listener) {
        const online = () => listener(true);
        const offline = () => listener(false);
        window.addEventListener('online', online);
        window.addEventListener('offline', offline);
        return () => {
          window.removeEventListener('online', online);
          window.removeEventListener('offline', offline);
        };
      },
    },
    timers: {
      after(ms, run) {
        const id = window.setTimeout(run, ms);
        return () => window.clearTimeout(id);
      },
      every(ms, run) {
        const id = window.setInterval(run, ms);
        return () => window.clearInterval(id);
      },
    },
  };
}
