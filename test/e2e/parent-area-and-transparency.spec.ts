import { expect, type Locator, type Page, test } from '@playwright/test';
import { almatyDayOfMs, nameInitials } from '../../src/domain';
import { formatDate } from '../../src/i18n';
import { ru } from '../../src/i18n/ru';
import type { Application } from '../../src/schema';
import { formatClock } from '../../renderer/parent/src/server-clock';
import { DEMO_PARENT_PHONE, DEMO_PASSWORD } from '../../sync-server/seed/demo';
import { E2E_DISTRICT } from './support/e2e-district';
import { fileApplication, iinOf, registerParent, respondAndActivate } from './support/family';
import { resetServerClock, setServerClock } from './support/server-clock';
import { StaffDesk } from './support/staff-desk';

/**
 * Issue 14, items 16, 17 and 10 on the parent's side, in Chromium: one chosen area (region → locality)
 * for the header, the bulletins' filter and the catalogue, remembered and never cut; the kindergarten's
 * page and the public list of the referrals it issued; the server's time on the bulletins and the
 * application form; the profile without sideways scroll.
 */
const T = ru;
const HEADER = '#region-switch';

/** Whether the select shows its chosen option's whole text (a native select cuts what does not fit). */
async function chosenTextFits(select: Locator): Promise<{ fits: boolean; text: string }> {
  return select.evaluate((el) => {
    const select = el as HTMLSelectElement;
    const style = getComputedStyle(select);
    const canvas = document.createElement('canvas').getContext('2d')!;
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = select.selectedOptions[0]?.text ?? '';
    // The room for the text: the box less its padding and the drop-down arrow (about 20 px).
    const room =
      select.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight) - 20;
    return { fits: canvas.measureText(text).width <= room, text };
  });
}

async function noSidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function logInDemoParent(page: Page) {
  await logIn(page, DEMO_PARENT_PHONE, DEMO_PASSWORD);
}

async function logIn(page: Page, phone: string, password: string) {
  await page.goto('/#/login');
  await page.getByLabel(T.parent.login.phone).fill(phone.replace('+7', ''));
  await page.getByLabel(T.parent.login.password).fill(password);
  await page.getByRole('button', { name: T.parent.login.submit, exact: true }).click();
  await expect(page).not.toHaveURL(/#\/login/);
}

test('the header and the bulletins’ filter share one area, region → locality, remembered', async ({
  page,
}) => {
  await page.goto('/#/bulletins');
  const filter = page.getByLabel(T.parent.bulletins.filters.region);
  await expect(page.locator(HEADER).locator('option[value="turkestan/turkestan-city"]')).toHaveCount(1);

  // The header's choice is the filter's, down to the locality (the seed: «Выберите регион: г.Туркестан»).
  const listed = page.waitForResponse(
    (r) => r.url().includes('/api/bulletins?') && r.url().includes('localityId=turkestan-city'),
  );
  await page.locator(HEADER).selectOption('turkestan/turkestan-city');
  await listed;
  await expect(filter).toHaveValue('turkestan/turkestan-city');
  await expect(page.locator(HEADER).locator('option:checked')).toHaveText('г. Туркестан');
  const rows = page.locator('main tbody tr');
  await expect(rows.first()).toBeVisible();

  // …and the filter's is the header's.
  await filter.selectOption('turkestan/arys');
  await expect(page.locator(HEADER)).toHaveValue('turkestan/arys');
  await expect(page).toHaveURL(/localityId=arys/);

  // Remembered on this device: after a reload, on the catalogue too.
  await page.reload();
  await expect(page.locator(HEADER)).toHaveValue('turkestan/arys');
  await expect(page.getByLabel(T.parent.bulletins.filters.region)).toHaveValue('turkestan/arys');
  await page.goto('/#/catalogue');
  const addresses = page.locator('main tbody tr td:nth-child(3)');
  await expect(addresses.first()).toBeVisible();
  for (const address of await addresses.allTextContents()) expect(address).toMatch(/Арыс/);

  // A shared link's area becomes the parent's area, in the header as well.
  await page.goto('/#/bulletins?regionId=turkestan&localityId=kentau');
  await expect(page.locator(HEADER)).toHaveValue('turkestan/kentau');
  await expect(page.getByLabel(T.parent.bulletins.filters.region)).toHaveValue('turkestan/kentau');
});

test('the chosen area’s name is never cut, at 1366 and 360 px, in every language', async ({ browser }) => {
  for (const [language, region] of [
    ['ru', 'turkestan'],
    ['kk', 'turkestan'],
    ['ru', 'e2e-turkestan'],
  ] as const) {
    const context = await browser.newContext({ timezoneId: 'Asia/Almaty' });
    await context.addInitScript(
      ([l, r]) =>
        localStorage.setItem('oryn.parent.preferences', JSON.stringify({ language: l, regionId: r })),
      [language, region],
    );
    const page = await context.newPage();
    for (const width of [1366, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto('/#/bulletins');
      await expect(page.locator(HEADER)).toHaveValue(region);
      await expect(page.locator(HEADER).locator('option:checked')).not.toHaveText(/…|^$/);
      const header = await chosenTextFits(page.locator(HEADER));
      expect(header, `${language} ${width}px header: ${header.text}`).toMatchObject({ fits: true });
      const filter = await chosenTextFits(page.locator('main form select').first());
      expect(filter, `${language} ${width}px filter: ${filter.text}`).toMatchObject({ fits: true });
      expect(await noSidewaysScroll(page), `${language} ${width}px`).toBeLessThanOrEqual(1);
    }
    await context.close();
  }
});

test('the profile does not scroll sideways (the hidden photo input stays hidden)', async ({ page }) => {
  await logInDemoParent(page);
  await page.goto('/#/profile');
  await expect(page.getByRole('heading', { name: T.parent.profile.title })).toBeVisible();
  for (const width of [360, 1366]) {
    await page.setViewportSize({ width, height: 800 });
    expect(await noSidewaysScroll(page), `${width}px`).toBeLessThanOrEqual(1);
  }
  // Still a working, labelled file input.
  await expect(page.getByLabel(T.parent.profile.changePhoto)).toHaveAttribute('type', 'file');
});

test('at 360 px a page’s title takes focus after a navigation without a frame', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto('/#/catalogue');
  await page.locator('main tbody a[href^="#/catalogue/"]').first().click();
  const title = page.locator('main h1');
  await expect(title).toBeFocused();
  const frame = await title.evaluate((h) => {
    const s = getComputedStyle(h);
    return { outline: s.outlineStyle, shadow: s.boxShadow };
  });
  expect(frame).toEqual({ outline: 'none', shadow: 'none' });
});

test('a kindergarten’s page and the list of its referrals, with the queue number at issue', async ({
  page,
  request,
  playwright,
  baseURL,
}) => {
  const staffRequest = await playwright.request.newContext({ baseURL });
  const staff = await StaffDesk.login(staffRequest, E2E_DISTRICT.staff.login, E2E_DISTRICT.staff.password);
  const bulletinId = `e2e-register-${Date.now()}`;
  const phone = `+7708${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  await registerParent(request, { phone, password: 'Balapan-reg-1', iin: iinOf('1988-02-03', 'female') });
  const child = (await (
    await request.post('/api/children', { data: { iin: iinOf('2023-07-14', 'male') } })
  ).json()) as { id: string; lastName: string; firstName: string; middleName?: string };
  const appId = await fileApplication(request, child.id);
  await staff.act('bulletin.publish', {
    bulletinId,
    groupId: E2E_DISTRICT.groupId,
    totalPlaces: 1,
    freePlaces: 1,
    placeType: 'free',
    vacancyAt: new Date().toISOString(),
    authorName: E2E_DISTRICT.staff.name,
  });
  const filed = (await (await request.get(`/api/applications/${appId}`)).json()) as Application & {
    queueNumber: number;
  };
  expect(filed.queueNumber).toBeGreaterThan(0);
  const referral = await respondAndActivate(request, staff, bulletinId, appId);
  expect(referral).toBeTruthy();
  // The contract signed: the child leaves the queue, which other specs count from 1 (parent-journey).
  await staff.act('referral.signContract', {
    referralId: referral!.id,
    contractNumber: 'Д-17/1',
    contractDate: almatyDayOfMs(Date.now()),
  });

  // From the bulletin to the kindergarten's page: address, groups with language, age group, free places.
  await page.goto(`/#/bulletins/${bulletinId}`);
  await page
    .getByRole('link', { name: /Балапан/ })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`#/catalogue/${E2E_DISTRICT.kindergartenId}`));
  await expect(page.locator('main h1')).toContainText('Балапан');
  const group = page.getByRole('row').filter({ hasText: 'Жұлдыз' });
  await expect(group).toBeVisible();
  await expect(group.getByRole('cell', { name: T.common.languages.kk })).toBeVisible();
  await expect(page.getByText(T.parent.kindergarten.freeTotal)).toBeVisible();

  // To the list of its referrals: the child by initials, the number the application had, today.
  await page.getByRole('link', { name: T.parent.bulletins.allReferrals }).click();
  await expect(page).toHaveURL(/#\/referrals\?kindergartenId=/);
  const initials = nameInitials(
    [child.lastName, child.firstName, child.middleName].filter(Boolean).join(' '),
  );
  const line = page.getByRole('row').filter({ hasText: initials }).first();
  await expect(line).toBeVisible();
  // The columns: №, child, queue number at issue, day issued, group, age group (on a phone each cell
  // carries its column's name before the value).
  const cells = line.getByRole('cell');
  await expect(cells.nth(2)).toHaveText(new RegExp(`(^|\\s)${filed.queueNumber}$`));
  await expect(cells.nth(3)).toHaveText(new RegExp(`${formatDate(new Date()).replaceAll('.', '\\.')}$`));
  await expect(page.locator('main table caption')).toContainText(/— \d+$/);
  // Never the child's name.
  await expect(page.getByText(child.firstName)).toHaveCount(0);
});

test('the server’s time on the bulletins and the application form, from the server’s clock, ticking', async ({
  page,
}) => {
  // The server's clock 3 days and 5 minutes ahead of this machine's: the page must show the server's.
  const ahead = 3 * 86_400_000 + 5 * 60_000;
  await setServerClock(new Date(Date.now() + ahead));
  try {
    const shown = async () => {
      const time = page.locator('.server-time time');
      await expect(time).toBeVisible();
      await expect(page.locator('.server-time')).toContainText(T.parent.serverTime);
      return Date.parse((await time.getAttribute('datetime')) ?? '');
    };
    await page.goto('/#/bulletins');
    const first = await shown();
    expect(Math.abs(first - (Date.now() + ahead))).toBeLessThan(3_000);
    await expect(page.locator('.server-time time')).toHaveText(formatClock(first));
    await expect.poll(async () => (await shown()) - first, { timeout: 5_000 }).toBeGreaterThanOrEqual(1_000);

    await logInDemoParent(page);
    await page.goto('/#/applications/new');
    const onForm = await shown();
    expect(Math.abs(onForm - (Date.now() + ahead))).toBeLessThan(3_000);
  } finally {
    await resetServerClock();
  }
});

test('a kindergarten’s page shows its own reviews, and a parent reviews it there', async ({
  page,
  request,
}) => {
  const phone = `+7708${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  await registerParent(request, { phone, password: 'Balapan-rev-1', iin: iinOf('1990-04-05', 'male') });
  await logIn(page, phone, 'Balapan-rev-1');
  const text = `Тёплые воспитатели, группа Жұлдыз ${Date.now()}`;
  await page.goto(`/#/catalogue/${E2E_DISTRICT.kindergartenId}`);
  const reviews = page.getByRole('region', { name: T.parent.home.sections.reviews });
  await expect(reviews).toBeVisible();
  await reviews.getByRole('radio', { name: T.parent.home.reviewStars.replace('{{rating}}', '4') }).check();
  await reviews.getByLabel(T.parent.home.reviewText).fill(text);
  await reviews.getByRole('button', { name: T.common.actions.send }).click();
  await expect(reviews.getByText(T.parent.home.reviewThanks)).toBeVisible();
  const mine = reviews.getByRole('listitem').filter({ hasText: text });
  await expect(mine).toBeVisible();
  await expect(
    mine.getByRole('img', { name: T.parent.home.rating.replace('{{rating}}', '4') }),
  ).toBeVisible();

  // It is this kindergarten's review: kept with it, and not on another kindergarten's page.
  const kept = (await (
    await page.request.get(`/api/reviews?kindergartenId=${E2E_DISTRICT.kindergartenId}`)
  ).json()) as { text: string; kindergartenId?: string }[];
  expect(kept.find((r) => r.text === text)?.kindergartenId).toBe(E2E_DISTRICT.kindergartenId);
  await page.goto('/#/catalogue/kg-tur-01');
  await expect(page.locator('main h1')).not.toHaveText(T.parent.kindergarten.title);
  await expect(page.getByRole('region', { name: T.parent.home.sections.reviews })).toBeVisible();
  await expect(page.getByText(text)).toHaveCount(0);
});
