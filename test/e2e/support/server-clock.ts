import { writeFileSync } from 'node:fs';

/**
 * Moves the e2e server's clock (e2e-server.ts reads the offset from ORYN_E2E_CLOCK_FILE): a spec can
 * stand on a referral's last valid day without waiting a week. Only for a server globalSetup started.
 */
export async function setServerClock(at: Date): Promise<void> {
  const file = process.env.ORYN_E2E_CLOCK_FILE;
  if (!file) throw new Error('the server clock can be moved only on the server globalSetup started');
  writeFileSync(file, JSON.stringify({ offsetMs: at.getTime() - Date.now() }));
  // The server polls the file every 50 ms.
  await new Promise((r) => setTimeout(r, 300));
}

export async function resetServerClock(): Promise<void> {
  const file = process.env.ORYN_E2E_CLOCK_FILE;
  if (!file) return;
  writeFileSync(file, JSON.stringify({ offsetMs: 0 }));
  await new Promise((r) => setTimeout(r, 300));
}
