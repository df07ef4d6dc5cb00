import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const DIR = join(import.meta.dirname, '..', '..', '..', 'test-results', 'screenshots');

/** Saves test-results/screenshots/<app>-<screen>-<lng>.png, the whole page as the phone shows it. */
export async function screenshot(page: Page, app: string, screen: string, lng: string): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  // Let fonts and the last re-render settle so the picture shows the screen, not a spinner.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(DIR, `${app}-${screen}-${lng}.png`), fullPage: true });
}
