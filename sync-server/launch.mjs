// The server's entry point for `npm start` and deployments (issue 16, item 6: start-up < 5 s).
//
// Running the TypeScript through tsx compiles and resolves ~240 modules on every start, which took
// 10–30 s on a loaded machine. Instead the server's own sources (sync-server/ and what it imports of
// src/) are bundled once with esbuild into dist/server/cli.mjs — packages stay in node_modules — and
// rebuilt only when a source changed since, as `npm start` does for the web pages. Plain
// JavaScript on purpose: this file must run with bare `node`, before anything is compiled.
//
//   node sync-server/launch.mjs [start|serve|seed …]   the CLI of sync-server/cli.ts, from the bundle
//   node sync-server/launch.mjs --build                only (re)build the bundle
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
export const SERVER_BUNDLE = join(ROOT, 'dist', 'server', 'cli.mjs');

/** What the bundle is made of: a change to any of these makes it stale. */
const SOURCES = ['sync-server', 'src', 'package.json', 'tsconfig.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), s.mtimeMs);
}

/** The newest modification time among the sources: the bundle records the one it was built from. */
function sourcesStamp(root) {
  return String(Math.max(...SOURCES.map((p) => newest(join(root, p)))));
}

const stampOf = (bundle) => `${bundle}.sources`;

/**
 * Stale when the sources' newest time is not the one the bundle was built from — newer (an edit) or
 * not (a file reverted, a checkout dated in the future), so an equality, not a comparison of times.
 */
export function isServerBuildStale(root = ROOT, bundle = SERVER_BUNDLE) {
  if (!existsSync(bundle) || !existsSync(stampOf(bundle))) return true;
  return readFileSync(stampOf(bundle), 'utf8') !== sourcesStamp(root);
}

/**
 * A bundle moves the code to dist/server/, so `import.meta.dirname`, `.filename` and `.url` in our
 * sources are rewritten to the place of the source file they were written in (relative to the
 * bundle, so the folder may move): server.ts's ROOT and the PDF fonts resolve as under tsx.
 */
function sourcePlaces(outDir) {
  return {
    name: 'oryn-source-places',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        const { readFile } = await import('node:fs/promises');
        let text = await readFile(path, 'utf8');
        if (text.includes('import.meta.')) {
          const rel = (p) => JSON.stringify(relative(outDir, p).split(sep).join('/'));
          const url = `new URL(${rel(path)}, import.meta.url)`;
          const dir = `__orynFileURLToPath(new URL(${rel(dirname(path))} + '/', import.meta.url))`;
          const place = {
            dirname: `${dir}.replace(/[\\\\/]$/, '')`,
            filename: `__orynFileURLToPath(${url})`,
            url: `${url}.href`,
          };
          text = text.replace(/import\.meta\.(dirname|filename|url)\b/g, (_, key) => place[key]);
        }
        return { contents: text, loader: 'ts' };
      });
    },
  };
}

/** Builds the bundle if stale; safe when several processes start at once (each writes, then renames). */
export async function ensureServerBuild({ root = ROOT, bundle = SERVER_BUNDLE, force = false } = {}) {
  if (!force && !isServerBuildStale(root, bundle)) return { bundle, built: false, ms: 0 };
  const started = performance.now();
  // Taken before building: a source edited meanwhile makes the next start build again.
  const stamp = sourcesStamp(root);
  // esbuild comes with tsx (a dependency) and vite.
  const { build } = await import('esbuild');
  const { outputFiles } = await build({
    entryPoints: [join(root, 'sync-server', 'cli.ts')],
    outfile: bundle,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    banner: { js: "import { fileURLToPath as __orynFileURLToPath } from 'node:url';" },
    plugins: [sourcePlaces(dirname(bundle))],
  });
  // The map first, then the bundle: a process that sees the new bundle finds its map.
  mkdirSync(dirname(bundle), { recursive: true });
  for (const file of [...outputFiles].sort((a) => (a.path.endsWith('.map') ? -1 : 1))) {
    const partial = `${file.path}.${process.pid}.tmp`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
  writeFileSync(stampOf(bundle), stamp);
  return { bundle, built: true, ms: performance.now() - started };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename);
if (isMain) {
  const args = process.argv.slice(2);
  const buildOnly = args[0] === '--build';
  const result = await ensureServerBuild({ force: buildOnly });
  if (result.built) process.stdout.write(`built the server (${Math.round(result.ms)} ms)\n`);
  if (!buildOnly) {
    // Source maps, so that a stack trace names sync-server/*.ts lines.
    process.setSourceMapsEnabled(true);
    const { runCli } = await import(pathToFileURL(result.bundle).href);
    await runCli(process.argv);
  }
}
