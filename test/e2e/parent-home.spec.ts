import { expect, test } from '@playwright/test';
import { kk } from '../../src/i18n/kk';
import { ru } from '../../src/i18n/ru';

/**
 * The header's switches (the seed: "В правом верхнем углу сайта имеется возможность сменить
 * геолокацию и язык"): the region found from the phone's position and the language, both remembered.
 */
test.use({ geolocation: { latitude: 42.34, longitude: 69.6 }, permissions: ['geolocation'] });

test('the region comes from the phone’s position and the language stays chosen after a reload', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: ru.parent.nav.locate, exact: true }).click();
  const region = page.getByLabel(ru.parent.nav.changeLocation);
  await expect(region.locator('option:checked')).toHaveText('город Шымкент');
  await page.getByRole('button', { name: 'Қаз', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: kk.parent.home.title })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: kk.parent.home.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'kk');
  await expect(page.getByLabel(kk.parent.nav.changeLocation).locator('option:checked')).toHaveText(
    'Шымкент қаласы',
  );
});

test('the home page is usable from the keyboard alone: skip link, menu and language switch', async ({
  page,
}) => {
  await page.goto('/');
  // A keyboard user tabs once the page is shown: the page renders after its language's texts arrive,
  // which may be after the load event, and a Tab pressed before that leaves the page.
  await expect(page.getByRole('heading', { level: 1, name: ru.parent.home.title })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: ru.parent.a11y.skipToContent });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await page.getByRole('button', { name: ru.parent.nav.menu }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: ru.parent.nav.menu })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
  await expect(page.getByRole('link', { name: ru.parent.nav.register })).toBeVisible();
});

test('without logging in: the queue look-up by IIN, the catalogue and the contact centre', async ({
  page,
}) => {
  await page.goto('/');
  const iin = page.getByLabel(ru.parent.home.queueIin);
  await iin.fill('170720600121');
  await page.getByRole('button', { name: ru.common.actions.search, exact: true }).click();
  await expect(iin).toHaveAttribute('aria-invalid', 'true');
  await expect(iin).toHaveAccessibleDescription(ru.errors.checksum);
  await expect(iin).toHaveValue('170720600121');
  // The seed's child has no application in a fresh district: the look-up says so.
  await iin.fill('170720600126');
  await page.getByRole('button', { name: ru.common.actions.search, exact: true }).click();
  await expect(page.getByText(ru.parent.home.queueNone)).toBeVisible();

  await page.getByRole('link', { name: ru.parent.home.sections.catalogue }).click();
  await expect(page.getByRole('cell', { name: 'ГККП «Балапан» ясли - детский сад' })).toBeVisible();
  await page.goto('/#/contact');
  await expect(page.getByRole('link', { name: ru.common.contactCentre.phone })).toHaveAttribute(
    'href',
    'tel:+77273397222',
  );
});
