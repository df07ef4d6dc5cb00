import { createHash } from 'node:crypto';

/**
 * The Content-Security-Policy sources ('sha256-…') that let a built page's own inline scripts run
 * and no other: the parent page's texts preload (vite.config.ts, textsPreload) is written into
 * its index.html at build time. Hashed from the file the server sends, so a page and the policy that
 * allows it cannot disagree — as long as the server is restarted after a rebuild (npm start and the
 * E2E setup build first); a page rebuilt under a running server has its preload refused and loads its
 * texts one round trip later, as it did before.
 */
export function inlineScriptSources(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`,
  );
}

/** A <script> without src; its text exactly as the browser hashes it. */
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;
