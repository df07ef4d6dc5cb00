// Builds the Electron main process (ESM) and the preload (CommonJS: a sandboxed preload cannot be an
// ES module) into dist/main/. `npm run build:main`; `npm run dist` runs it before electron-builder.
import { cpSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

for (const entry of [
  { name: 'main', format: 'es' as const, fileName: 'main.js' },
  { name: 'preload', format: 'cjs' as const, fileName: 'preload.cjs' },
]) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir: resolve(root, 'dist', 'main'),
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: false,
      ssr: resolve(root, 'main', `${entry.name}.ts`),
      rollupOptions: {
        external,
        output: { format: entry.format, entryFileNames: entry.fileName },
      },
    },
    // The preload runs in the sandbox: bundle zod into it, leave only `electron` external.
    ssr: { noExternal: true },
  });
}

// The referral PDF's fonts (src/pdf/fonts), read by main.ts from dist/main/fonts.
cpSync(resolve(root, 'src', 'pdf', 'fonts'), resolve(root, 'dist', 'main', 'fonts'), { recursive: true });
