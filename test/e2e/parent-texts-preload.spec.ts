import { expect, type Page, test } from '@playwright/test';
import { en } from '../../src/i18n/en';
import { kk } from '../../src/i18n/kk';

/**
 * The parent page asks for its language's texts while its code is still on the way (slow 3G: they
 * used to follow the code, a round trip later; vite.config.ts's textsPreload). Here the app code is
 * held back until the texts have been asked for: a page that asked only after its code had run would
 * never get its code, and show nothing.
 */
async function holdCodeUntilTextsRequested(page: Page) {
  const seen = { texts: [] as string[], codeReleasedBy: '' };
  let requested: () => void;
  const textsRequested = new Promise<string>((ok) => {
    requested = () => ok('texts');
  });
  page.on('request', (request) => {
    if (/\/assets\/parentTexts-[^/]+\.js$/.test(request.url())) {
      seen.texts.push(request.url());
      requested();
    }
  });
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    // Let the code through after a while anyway, so that a failure reads as one, not as a hang.
    seen.codeReleasedBy = await Promise.race([
      textsRequested,
      new Promise<string>((later) => setTimeout(() => later('timeout'), 5_000)),
    ]);
    await route.continue();
  });
  return seen;
}

function refusedByPolicy(page: Page): string[] {
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  return refused;
}

test.use({ locale: 'en-US' });

test("asks for the browser's language's texts before its code has arrived, once", async ({ page }) => {
  const refused = refusedByPolicy(page);
  const seen = await holdCodeUntilTextsRequested(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: en.parent.home.title })).toBeVisible();
  expect(seen.codeReleasedBy).toBe('texts');
  // The app code's own import found the preloaded module: the texts crossed the line once.
  expect(seen.texts).toHaveLength(1);
  expect(refused).toEqual([]);
});

test('asks for the language chosen on this device rather than the browser’s', async ({ page }) => {
  await page.addInitScript(() =>
    localStorage.setItem('oryn.parent.preferences', JSON.stringify({ language: 'kk', regionId: null })),
  );
  const refused = refusedByPolicy(page);
  const seen = await holdCodeUntilTextsRequested(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: kk.parent.home.title })).toBeVisible();
  expect(seen.codeReleasedBy).toBe('texts');
  expect(seen.texts).toHaveLength(1);
  expect(refused).toEqual([]);
});
