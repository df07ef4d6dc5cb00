import { join } from 'node:path';
import { buildStaleRenderers } from '../../../sync-server/renderer-build';
import { startE2eServer } from './e2e-server-process';

/**
 * Before any spec: build each renderer whose sources are newer than its build, then start a real sync
 * server (test/e2e/support/e2e-server.ts: PGlite in memory, demo data) on a free 127.0.0.1 port in a
 * child process, and hand its URL to the specs as ORYN_E2E_URL. Set ORYN_E2E_URL yourself to run the
 * specs against a server you started.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  // One app's broken build must not stop the other apps' specs: its own specs fail on their own.
  for (const app of buildStaleRenderers(ROOT, (line) => console.log(`[e2e] ${line}`))) {
    console.warn(`[e2e] the ${app} renderer did not build; its specs will fail`);
  }
  if (process.env.ORYN_E2E_URL) return undefined;
  const server = await startE2eServer();
  process.env.ORYN_E2E_URL = server.url;
  process.env.ORYN_E2E_CLOCK_FILE = server.clockFile;
  console.log(`[e2e] sync server at ${server.url}`);
  return server.stop;
}
