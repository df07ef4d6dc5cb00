// Types of launch.mjs (plain JavaScript: it runs before anything is compiled).
export declare const SERVER_BUNDLE: string;
export declare function isServerBuildStale(root?: string, bundle?: string): boolean;
export declare function ensureServerBuild(options?: {
  root?: string;
  bundle?: string;
  force?: boolean;
}): Promise<{ bundle: string; built: boolean; ms: number }>;
