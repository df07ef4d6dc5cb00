import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer', app),
  base: apps[app].base,
  plugins: [react()],
  resolve: { alias: app === 'parent' ? preactAliases : [] },
  build: {
    outDir: resolve(import.meta.dirname, 'dist', 'renderer', app),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
