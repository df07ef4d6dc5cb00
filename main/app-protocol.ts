import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { APP_HOST } from './app-origin';
import { contentSecurityPolicy } from './content-security-policy';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * Serves the built staff renderer (dist/renderer/staff) at app://oryn/ with the CSP as a real header.
 * A path that escapes the folder, or another host, gets 404; unknown extension-less paths get the app
 * (its client-side routes).
 */
export function appProtocolHandler(
  rendererRoot: string,
  serverUrl: () => Promise<string | null>,
): (request: Request) => Promise<Response> {
  const root = normalize(rendererRoot);
  return async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('not found', { status: 404 });
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (path !== root && !path.startsWith(root + sep)) return new Response('not found', { status: 404 });
    if (path === root || !extname(path)) path = join(root, 'index.html');
    const body = await readFile(path).catch(() => null);
    if (!body) return new Response('not found', { status: 404 });
    return new Response(body, {
      headers: {
        'Content-Type': MIME[extname(path)] ?? 'application/octet-stream',
        'Content-Security-Policy': contentSecurityPolicy(await serverUrl()),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}
