/**
 * The renderer is served from a privileged custom scheme rather than file:// (Electron's security
 * checklist: file:// pages share one origin and can read any local file the process can).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'oryn';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;
