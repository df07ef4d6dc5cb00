import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parentTexts as en } from '../../../src/i18n/en/parentTexts';
import { parentTexts as kk } from '../../../src/i18n/kk/parentTexts';
import { parentTexts as ru } from '../../../src/i18n/ru/parentTexts';
import type { Runtime } from '../../../sync-server/runtime';
import { type RunningServer, startServer } from '../../../sync-server/server';
import { startTestRuntime } from './harness';

// The parent page as built (vite.config.ts's textsPreload) and served: its inline script preloads the
// texts of the language the view starts in, and the server's policy lets it run. A page's language:
// the choice stored on the device, else the browser's, else Russian.
const ROOT = join(import.meta.dirname, '..', '..', '..');
const TAGLINE = { kk: kk.common.tagline, ru: ru.common.tagline, en: en.common.tagline };

describe("the parent page's texts preload", () => {
  let runtime: Runtime;
  let server: RunningServer;
  let html: string;
  let csp: string;
  const pages = mkdtempSync(join(tmpdir(), 'oryn-pages-'));
  beforeAll(async () => {
    const built = spawnSync(
      'npx',
      ['vite', 'build', '--logLevel', 'warn', '--outDir', join(pages, 'parent'), '--emptyOutDir'],
      { cwd: ROOT, env: { ...process.env, ORYN_APP: 'parent' }, encoding: 'utf8' },
    );
    if (built.status !== 0) throw new Error(`the parent build failed: ${built.stderr}`);
    ({ runtime } = await startTestRuntime({ kind: 'memory' }));
    server = await startServer(runtime.ctx, {
      port: 0,
      host: '127.0.0.1',
      storage: 'memory',
      rendererDir: pages,
    });
    const res = await fetch(`${server.url}/`, { headers: { accept: 'text/html' } });
    html = await res.text();
    csp = res.headers.get('content-security-policy') ?? '';
  });
  afterAll(async () => {
    await server?.close();
    await runtime?.close();
    rmSync(pages, { recursive: true, force: true });
  });

  const inlineScripts = (page: string) =>
    [...page.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);

  /** The chunk the page's script preloads in a browser with this storage and language. */
  function preloaded(stored: string | null | Error, browserLanguage: string): string | null {
    const head: { rel: string; href: string; crossOrigin: string | null }[] = [];
    const document = {
      createElement: () => ({ rel: '', href: '', crossOrigin: null }),
      head: { appendChild: (link: (typeof head)[number]) => head.push(link) },
    };
    const localStorage = {
      getItem(key: string) {
        if (stored instanceof Error) throw stored;
        return key === 'oryn.parent.preferences' ? stored : null;
      },
    };
    runInNewContext(inlineScripts(html)[0], {
      document,
      localStorage,
      navigator: { language: browserLanguage },
    });
    expect(head.length).toBeLessThanOrEqual(1);
    if (head.length === 0) return null;
    expect(head[0]).toMatchObject({ rel: 'modulepreload', crossOrigin: '' });
    return head[0].href;
  }

  async function languageOf(url: string): Promise<string> {
    const res = await fetch(`${server.url}${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    const code = await res.text();
    const found = Object.entries(TAGLINE).filter(([, tagline]) => code.includes(tagline));
    expect(found).toHaveLength(1);
    return found[0][0];
  }

  it('is one inline script at the top of <head>, before the app code and the stylesheet', () => {
    expect(inlineScripts(html)).toHaveLength(1);
    const at = (needle: string) => html.indexOf(needle);
    expect(at('<script>')).toBeGreaterThan(at('<meta charset'));
    expect(at('<script>')).toBeLessThan(at('<script type="module"'));
    expect(at('<script>')).toBeLessThan(at('rel="stylesheet"'));
  });

  it('runs under the server’s Content-Security-Policy, allowed by its hash and no other inline script', async () => {
    const hash = createHash('sha256').update(inlineScripts(html)[0], 'utf8').digest('base64');
    const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1].trim().split(/\s+/);
    expect(scriptSrc).toEqual(["'self'", `'sha256-${hash}'`]);
    // A client-side route answers the same page under the same policy.
    const route = await fetch(`${server.url}/applications/app-1`, { headers: { accept: 'text/html' } });
    expect(await route.text()).toBe(html);
    expect(route.headers.get('content-security-policy')).toBe(csp);
  });

  it("preloads the stored choice's texts, whatever the browser's language", async () => {
    expect(await languageOf(preloaded('{"language":"kk","regionId":"r-1"}', 'en-US') ?? '')).toBe('kk');
    expect(await languageOf(preloaded('{"language":"en"}', 'ru-RU') ?? '')).toBe('en');
  });

  it("without a choice, preloads the browser's language if the view has it, else Russian", async () => {
    expect(await languageOf(preloaded(null, 'kk-KZ') ?? '')).toBe('kk');
    expect(await languageOf(preloaded(null, 'en-GB') ?? '')).toBe('en');
    expect(await languageOf(preloaded(null, 'de-DE') ?? '')).toBe('ru');
    expect(await languageOf(preloaded(null, '') ?? '')).toBe('ru');
  });

  it('ignores an unknown stored language, unreadable storage and storage that is switched off', async () => {
    expect(await languageOf(preloaded('{"language":"uz"}', 'en-US') ?? '')).toBe('en');
    expect(await languageOf(preloaded('not json', 'kk') ?? '')).toBe('kk');
    expect(await languageOf(preloaded('null', 'fr') ?? '')).toBe('ru');
    expect(await languageOf(preloaded(new Error('SecurityError'), 'en-US') ?? '')).toBe('en');
  });
});
