import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { build, type Rollup } from 'vite';

// The browser host (renderer/staff/host/browser-host.ts) in real Chromium: saving a supporting
// document is the browser's own download, of the very bytes, under the suggested name; anything the
// contract refuses starts no download at all. The module is bundled on its own and loaded into a
// blank page, so no screen is involved.
const ENTRY = join(import.meta.dirname, '..', '..', 'renderer', 'staff', 'host', 'browser-host.ts');
let bundle = '';

test.beforeAll(async () => {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: ENTRY, formats: ['iife'], name: 'OrynBrowserHost' },
    },
  })) as Rollup.RollupOutput[];
  bundle = output[0]!.output[0].code;
});

async function openHost(page: Page): Promise<void> {
  await page.route('http://oryn.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>host</title>' }),
  );
  await page.goto('http://oryn.test/');
  await page.addScriptTag({ content: bundle });
}

/** Calls saveDocument in the page with the bytes given as numbers (they cross as JSON). */
function saveDocument(page: Page, fileName: string, bytes: number[]) {
  return page.evaluate(
    ([name, data]) => {
      const host = (
        window as never as { OrynBrowserHost: typeof import('../../renderer/staff/host/browser-host') }
      ).OrynBrowserHost.createBrowserHost(location, localStorage, () => null);
      return host.saveDocument({ fileName: name, data: new Uint8Array(data) });
    },
    [fileName, bytes] as const,
  );
}

const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...Buffer.from('IHDR')];
const jpeg = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Buffer.from('JFIF\0')];

test('a supporting document downloads with its own bytes and name', async ({ page }) => {
  await openHost(page);
  for (const [fileName, bytes] of [
    ['Анықтама скан.png', png],
    ['IMG_2041.jpeg', jpeg],
  ] as const) {
    const download = page.waitForEvent('download');
    expect(await saveDocument(page, fileName, [...bytes])).toEqual({ ok: true, value: { saved: true } });
    const file = await download;
    expect(file.suggestedFilename()).toBe(fileName);
    expect([...(await readFile((await file.path())!))]).toEqual(bytes);
  }
});

test('a document the contract refuses starts no download', async ({ page }) => {
  await openHost(page);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  const html = [...Buffer.from('<!doctype html><script>alert(1)</script>')];
  for (const [fileName, bytes] of [
    ['photo.png', html],
    ['photo.pdf', png],
    ['..\\Windows\\скан.png', png],
  ] as const) {
    expect(await saveDocument(page, fileName, [...bytes])).toEqual({
      ok: false,
      error: { code: 'host.invalidInput', params: { field: 'document' } },
    });
  }
  // A download would have been reported by now: the valid one above arrives within milliseconds.
  const control = page.waitForEvent('download');
  await saveDocument(page, 'control.png', png);
  await control;
  expect(downloads).toEqual(['control.png']);
});
