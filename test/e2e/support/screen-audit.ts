import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { en } from '../../../src/i18n/en';
import { kk } from '../../../src/i18n/kk';
import { ru } from '../../../src/i18n/ru';

/**
 * What every screen of the three apps is checked for (issue 14, "Prove it"), as a person meets it in
 * Chromium at 1366 px and 360 px:
 * - axe-core (WCAG 2.x A/AA rules): no serious or critical violation, in kk and ru;
 * - no sideways scroll at 360 px;
 * - no table cell breaks a word (the browser broke «Посмо/треть», "06.12.20/26" at 1366 px);
 * - in kk and en, no visible text is Russian where a text in the page's language exists: the ru
 *   strings of src/i18n whose kk/en counterpart differs, and catalogue names given in both languages;
 * - a full-page screenshot in test-results/screenshots/screens-<app>-<screen>-<lng>-<width>.png.
 * Findings are collected, not thrown at the first, so one run lists everything a screen shows.
 */
export type Language = 'kk' | 'ru' | 'en';

export interface Finding {
  app: string;
  screen: string;
  lng: Language;
  width: number;
  check: 'axe' | 'overflow' | 'wordBreak' | 'russian';
  detail: string;
}

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SHOTS = join(ROOT, 'test-results', 'screenshots');

export const WIDTHS = { desktop: { width: 1366, height: 900 }, phone: { width: 360, height: 760 } } as const;

/** Leaf strings of a resource tree by their dotted key. */
function leaves(tree: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof tree === 'string') out.set(prefix, tree);
  else if (tree && typeof tree === 'object')
    for (const [k, v] of Object.entries(tree)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

export interface RussianText {
  /** What is shown (a literal, or a pattern for a text with {{placeholders}}). */
  source: string;
  /** The page language's own text for it. */
  instead: string;
}

/**
 * Russian texts that have a different text in `lng`: every src/i18n ru string whose key holds another
 * text in `lng`, plus pairs the caller adds (catalogue names: a kindergarten's nameRu and nameKk).
 */
export function russianOnlyTexts(lng: 'kk' | 'en', extra: RussianText[] = []): RussianText[] {
  const mine = leaves(lng === 'kk' ? kk : en);
  const texts: RussianText[] = [];
  for (const [key, text] of leaves(ru)) {
    const own = mine.get(key);
    // Too short to tell apart from names and codes ("№", "ИП"): left out.
    if (own === undefined || own === text || text.replace(/\{\{[^}]*\}\}/g, '').trim().length < 4) continue;
    texts.push({ source: text, instead: own });
  }
  return [...texts, ...extra.filter((e) => e.source !== e.instead)];
}

/** Runs in the page: the checks that read the DOM. */
function domChecks(args: { russian: RussianText[]; lng: string }) {
  const out: { check: 'overflow' | 'wordBreak' | 'russian'; detail: string }[] = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1)
    out.push({ check: 'overflow', detail: `page is ${doc.scrollWidth} px wide in ${doc.clientWidth} px` });

  const visible = (el: Element) => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };
  // A word is broken when its own letters lie on two lines (hyphens and spaces are places to wrap).
  for (const cell of document.querySelectorAll('td, th')) {
    if (!visible(cell)) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const m of text.matchAll(/[^\s\-‐–—/]+/g)) {
        if (m[0].length < 2) continue;
        const range = document.createRange();
        range.setStart(node, m.index ?? 0);
        range.setEnd(node, (m.index ?? 0) + m[0].length);
        const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top));
        if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > 4) {
          out.push({
            check: 'wordBreak',
            detail: `«${m[0]}» broken in a cell of «${text.trim().slice(0, 60)}»`,
          });
        }
      }
    }
  }

  if (args.russian.length > 0) {
    const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const patterns = args.russian.map((r) => ({
      ...r,
      re: new RegExp(
        `^${r.source
          .split(/\{\{[^}]*\}\}/)
          .map(literal)
          .join('.+?')}$`,
        's',
      ),
    }));
    const seen = new Set<string>();
    for (const el of document.body.querySelectorAll('*')) {
      if (!visible(el) || el.closest('script, style, noscript')) continue;
      // Marked as another language on purpose (the language switch's «Русский»).
      const lang = el.closest('[lang]')?.getAttribute('lang');
      if (lang && lang !== args.lng) continue;
      const own = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .replace(/\s+/g, ' ')
        .trim();
      const texts = [own];
      for (const attr of ['placeholder', 'aria-label', 'title', 'alt'])
        if (el.getAttribute(attr)) texts.push(el.getAttribute(attr)!.trim());
      if (el instanceof HTMLInputElement && ['button', 'submit'].includes(el.type)) texts.push(el.value);
      for (const text of texts) {
        if (!text || seen.has(text)) continue;
        const hit = patterns.find((p) => p.re.test(text));
        if (hit) {
          seen.add(text);
          out.push({
            check: 'russian',
            detail: `«${text.slice(0, 80)}» (in ${args.lng}: «${hit.instead.slice(0, 60)}»)`,
          });
        }
      }
    }
  }
  return out;
}

export interface AuditOptions {
  app: string;
  screen: string;
  lng: Language;
  /** Russian texts to look for (russianOnlyTexts) in kk and en; none in ru. */
  russian?: RussianText[];
  /** Run axe (kk and ru). */
  axe?: boolean;
}

/** Checks the page as it is now and saves its screenshot; returns what it found. */
export async function auditScreen(page: Page, o: AuditOptions): Promise<Finding[]> {
  const width = page.viewportSize()?.width ?? 0;
  const at = { app: o.app, screen: o.screen, lng: o.lng, width };
  await page.evaluate(() => document.fonts.ready);
  // Charts size their canvases from a ResizeObserver a frame or more after the viewport changes (1366 →
  // 360 px): give the layout up to 3 s to fit before the checks read it; an overflow that stays is found.
  for (let tries = 0; tries < 15; tries++) {
    const fits = await page.evaluate(
      () => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1,
    );
    if (fits) break;
    await page.waitForTimeout(200);
  }
  const findings: Finding[] = [];
  const dom = await page.evaluate(domChecks, { russian: o.russian ?? [], lng: o.lng });
  for (const f of dom) {
    // Sideways scroll matters on the phone; at 1366 px a wide page is reported too.
    findings.push({ ...at, ...f });
  }
  if (o.axe) {
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    for (const v of result.violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      const where = v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ');
      findings.push({ ...at, check: 'axe', detail: `${v.id} (${v.impact}, ${v.nodes.length}×): ${where}` });
    }
  }
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({
    path: join(SHOTS, `screens-${o.app}-${o.screen}-${o.lng}-${width}.png`),
    fullPage: true,
  });
  return findings;
}

/** Writes the findings of a run next to the screenshots, for a person to read. */
export function writeReport(name: string, findings: Finding[]): void {
  mkdirSync(SHOTS, { recursive: true });
  const lines = findings.map((f) => `${f.app}\t${f.screen}\t${f.lng}\t${f.width}\t${f.check}\t${f.detail}`);
  writeFileSync(join(SHOTS, `${name}.tsv`), `${lines.join('\n')}\n`);
}
