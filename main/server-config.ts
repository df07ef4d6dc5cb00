import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type HostResult, invalidInput, serverUrlInput } from '../src/host/host-contract';

/**
 * The sync server's URL, chosen on the first-run screen and kept in the data folder (settings.json).
 * A kindergarten's IT person may also pre-set it with ORYN_SERVER_URL for a whole office.
 */
export class ServerConfig {
  private cached: string | null | undefined;

  constructor(
    private readonly dataFolder: string,
    private readonly fromEnvironment: string | undefined = undefined,
  ) {}

  private get file(): string {
    return join(this.dataFolder, 'settings.json');
  }

  async get(): Promise<string | null> {
    if (this.cached !== undefined) return this.cached;
    this.cached = (await this.readSaved()) ?? this.parse(this.fromEnvironment);
    return this.cached;
  }

  async set(raw: unknown): Promise<HostResult<string>> {
    const parsed = serverUrlInput.safeParse(raw);
    if (!parsed.success) return invalidInput('serverUrl');
    await mkdir(dirname(this.file), { recursive: true });
    // Write-then-rename: a power cut never leaves a half-written settings file.
    const temp = `${this.file}.tmp`;
    await writeFile(temp, JSON.stringify({ serverUrl: parsed.data }, null, 2), 'utf8');
    await rename(temp, this.file);
    this.cached = parsed.data;
    return { ok: true, value: parsed.data };
  }

  private async readSaved(): Promise<string | null> {
    try {
      const saved = JSON.parse(await readFile(this.file, 'utf8')) as { serverUrl?: unknown };
      return this.parse(saved.serverUrl);
    } catch {
      // Missing or damaged settings: the first-run screen asks again.
      return null;
    }
  }

  private parse(value: unknown): string | null {
    const parsed = serverUrlInput.safeParse(value);
    return parsed.success ? parsed.data : null;
  }
}
