// The parent web view's first load (issue 7: "First-load JavaScript under 100 KB gzip, printed by the
// build and checked in the benchmark"; "No RxDB in this bundle"). Builds the parent app in memory with
// the project's vite.config.ts and measures what a first visit fetches: the entry chunk, the chunks it
// imports statically (modulepreload), its CSS, and the texts of one language (each language's parentTexts
// is its own chunk, fetched at start). Exits non-zero when the budget is exceeded or a forbidden module is
// bundled, staff and supervisor texts included.
import { gzipSync } from 'node:zlib';
import type { Rolldown } from 'vite';
import { PARENT_SECTIONS } from '../../src/i18n/parentSections';

type OutputAsset = Rolldown.OutputAsset;
type OutputChunk = Rolldown.OutputChunk;
type RollupOutput = Rolldown.RolldownOutput;

process.env.ORYN_APP = 'parent';
const { build } = await import('vite');

const BUDGET_BYTES = 100 * 1024;
const LANGUAGES = ['kk', 'ru', 'en'] as const;
/** Modules that must never reach parents' phones (docs/architecture.md: "no RxDB in the browser bundle"). */
const FORBIDDEN = [
  /[\\/]node_modules[\\/]rxdb[\\/]/,
  /[\\/]node_modules[\\/]rxjs[\\/]/,
  /[\\/]node_modules[\\/]react-dom[\\/]/,
  /[\\/]node_modules[\\/]dexie[\\/]/,
];

/** src/i18n files the parent never shows: a whole language (kk.ts) or a section outside PARENT_SECTIONS. */
function isOtherTexts(id: string): boolean {
  const file = /[\\/]src[\\/]i18n[\\/](?:(?:kk|ru|en)\.ts|(?:kk|ru|en)[\\/](\w+)\.ts)$/.exec(id);
  if (!file) return false;
  const section = file[1];
  return section === undefined || (section !== 'parentTexts' && !PARENT_SECTIONS.some((s) => s === section));
}

const result = (await build({
  configFile: new URL('../../vite.config.ts', import.meta.url).pathname,
  logLevel: 'warn',
  build: { write: false },
})) as RollupOutput | RollupOutput[];
const output = (Array.isArray(result) ? result[0] : result).output;
const chunks = new Map(
  output.filter((o): o is OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]),
);
const assets = output.filter((o): o is OutputAsset => o.type === 'asset');
const gz = (text: string | Uint8Array) => gzipSync(text, { level: 9 }).length;

/** A chunk and everything it imports statically: what the browser fetches before running it. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const dep of chunks.get(file)?.imports ?? []) closure(dep, seen);
  return seen;
}

const entry = [...chunks.values()].find((c) => c.isEntry);
if (!entry) throw new Error('no entry chunk in the parent build');
const initial = closure(entry.fileName);
const css = assets.filter((a) => a.fileName.endsWith('.css'));
const initialJs = [...initial].reduce((sum, f) => sum + gz(chunks.get(f)!.code), 0);
const cssBytes = css.reduce((sum, a) => sum + gz(a.source), 0);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log('parent web view, first load (gzip -9):');
for (const f of initial) console.log(`  ${f.padEnd(40)} ${kb(gz(chunks.get(f)!.code))}`);
for (const a of css) console.log(`  ${a.fileName.padEnd(40)} ${kb(gz(a.source))} (css)`);

let worst = 0;
for (const lng of LANGUAGES) {
  const chunk = [...chunks.values()].find((c) =>
    c.facadeModuleId?.endsWith(`/src/i18n/${lng}/parentTexts.ts`),
  );
  if (!chunk) throw new Error(`no chunk of its own for the ${lng} texts: they would load for every language`);
  const extra = [...closure(chunk.fileName)].filter((f) => !initial.has(f));
  const langBytes = extra.reduce((sum, f) => sum + gz(chunks.get(f)!.code), 0);
  const total = initialJs + langBytes;
  worst = Math.max(worst, total);
  console.log(
    `  + ${lng} texts ${kb(langBytes).padStart(9)}  → first-load JavaScript ${kb(total)} (+ ${kb(cssBytes)} css)`,
  );
}

const bundled = [...chunks.values()].flatMap((c) => c.moduleIds);
const forbidden = bundled.filter((id) => FORBIDDEN.some((re) => re.test(id)) || isOtherTexts(id));
const lazy = [...chunks.keys()].filter((f) => !initial.has(f)).length;
console.log(`  ${lazy} chunks load on demand (screens, languages)`);
console.log(
  `first-load JavaScript, worst language: ${kb(worst)} of ${kb(BUDGET_BYTES)} budget (${((worst / BUDGET_BYTES) * 100).toFixed(0)}%)`,
);

let failed = false;
if (worst > BUDGET_BYTES) {
  console.error(`over budget by ${kb(worst - BUDGET_BYTES)}`);
  failed = true;
}
if (forbidden.length > 0) {
  console.error(
    `forbidden modules in the parent bundle:\n  ${[...new Set(forbidden)].slice(0, 10).join('\n  ')}`,
  );
  failed = true;
}
process.exit(failed ? 1 : 0);
