/**
 * The Content-Security-Policy of the staff window. The renderer is our own bundle served from
 * app://oryn (see app-protocol.ts): scripts only from there, no eval, no inline scripts, no plugins,
 * no frames except the PDF preview (blob:), and network only to the configured sync server.
 */
export function contentSecurityPolicy(serverUrl: string | null): string {
  const server = serverUrl ? new URL(serverUrl).origin : null;
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    // React sets styles through the CSSOM (allowed); the bundle's CSS is a file.
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...(server ? [server] : [])],
    'frame-src': ['blob:'],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
