import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, minifySync, type Plugin, transformWithOxc } from 'vite';

// One Vite config, three separate builds (parent, staff, supervisor): separate builds keep the
// parent bundle free of RxDB and under its size budget. `npm run build` runs all three;
// ORYN_APP selects one. The sync server serves dist/renderer/<app> at /, /staff/ and /supervisor/.
const apps = {
  parent: { base: '/' },
  // Relative base: the staff app is also loaded from file:// by Electron.
  staff: { base: './' },
  supervisor: { base: './' },
} as const;
type AppName = keyof typeof apps;

const app = (process.env.ORYN_APP ?? 'parent') as AppName;
if (!(app in apps)) throw new Error(`ORYN_APP must be one of ${Object.keys(apps).join(', ')}`);

// The parent web view runs on preact/compat (issue 7: first load < 100 KB gzip and usable on slow 3G in
// 3 s). Measured: react-dom 19 alone is 69 KB gzip, leaving too little for the app and one language's
// texts; preact/compat is ~12 KB with the same components. The code still imports 'react'.
const preactAliases = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/jsx-runtime' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react$/, replacement: 'preact/compat' },
];

/**
 * The parent page starts fetching its language's texts together with the app code.
 *
 * The view shows nothing until its language's texts (src/i18n/<lng>/parentTexts.ts, each a chunk of its
 * own: renderer/parent/src/texts.ts) have loaded, and the app code asks for them only once it has
 * loaded and run: on slow 3G a round trip plus the chunk's bytes after everything else. The build knows
 * each language's chunk file, the browser the page's language; so the build writes into index.html an
 * inline script made of start-language.ts itself (the rule preferences.ts uses) and a line that adds a
 * `<link rel="modulepreload">` for that language's chunk; texts.ts's dynamic import then finds the
 * module fetched. A classic script placed before the stylesheet runs as soon as it is parsed (a module
 * script, or one after the stylesheet, would wait for the CSS). The sync server's Content-Security-
 * Policy allows it by its hash (sync-server/page-scripts.ts); where it is refused, the page loads its
 * texts as before. Written here rather than in a file of its own: Vite warns about relative
 * imports without an extension in its config (its coming native config loader refuses them).
 */
function textsPreload(): Plugin {
  const TEXTS_MODULE = /\/src\/i18n\/(kk|ru|en)\/parentTexts\.ts$/;
  const RULE = resolve(import.meta.dirname, 'renderer', 'parent', 'src', 'start-language.ts');
  let base = '/';
  return {
    name: 'oryn-parent-texts-preload',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, ctx) {
        const urls: Record<string, string> = {};
        for (const chunk of Object.values(ctx.bundle ?? {})) {
          if (chunk.type !== 'chunk' || !chunk.facadeModuleId) continue;
          const lng = TEXTS_MODULE.exec(chunk.facadeModuleId.replaceAll('\\', '/'))?.[1];
          if (lng) urls[lng] = `${base}${chunk.fileName}`;
        }
        // Fail the build rather than ship a page that quietly preloads nothing.
        if (Object.keys(urls).length !== 3) throw new Error(`parentTexts chunks found: ${Object.keys(urls)}`);
        const rule = (await transformWithOxc(readFileSync(RULE, 'utf8'), RULE, { lang: 'ts' })).code;
        const body = rule.replace(/^export /gm, '');
        if (/^\s*(import|export)\b/m.test(body)) throw new Error(`${RULE} must import and re-export nothing`);
        const preload = `var u=${JSON.stringify(urls)}[startLanguage()];if(u){var l=document.createElement("link");l.rel="modulepreload";l.crossOrigin="";l.href=u;document.head.appendChild(l)}`;
        const script = minifySync('texts-preload.js', `(function(){${body}\n${preload}})()`);
        if (script.errors.length > 0) throw new Error(script.errors.map((e) => e.message).join('; '));
        // After <meta charset>, which must stay within the page's first 1024 bytes.
        return html.replace(
          /<head>(\s*<meta charset[^>]*>)?/i,
          (head) => `${head}<script>${script.code.trim()}</script>`,
        );
      },
    },
  };
}

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer', app),
  base: apps[app].base,
  plugins: app === 'parent' ? [react(), textsPreload()] : [react()],
  resolve: { alias: app === 'parent' ? preactAliases : [] },
  build: {
    outDir: resolve(import.meta.dirname, 'dist', 'renderer', app),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
