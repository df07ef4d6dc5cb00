import type { APIRequestContext } from '@playwright/test';

/**
 * The SMS a parent receives, read from the dev-only endpoint of the console SMS gateway
 * (sync-server/api/routes/dev-sms.ts; mounted only with config.devSmsEndpoint, as e2e-server.ts sets).
 * Waits for a code other than `previous`, so a resent code is not confused with the first.
 */
export async function smsCode(
  request: APIRequestContext,
  phoneE164: string,
  previous?: string,
): Promise<string> {
  for (let i = 0; i < 40; i++) {
    const res = await request.get(`/api/dev/sms/${encodeURIComponent(phoneE164)}`);
    if (res.ok()) {
      const { code } = (await res.json()) as { code: string };
      if (code !== previous) return code;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no SMS code for ${phoneE164.slice(0, 5)}…`);
}
