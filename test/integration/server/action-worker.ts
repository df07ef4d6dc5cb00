// A second server process for tests, reduced to its action processor: opens the runtime on
// DATABASE_URL, reads actions as JSON lines on stdin, applies each with processAction (as the API
// would, concurrently) and writes `{ id, outcome }` lines on stdout. Prints `ready` once open.
import { createInterface } from 'node:readline';
import type { Action } from '../../../src/schema';
import { processAction } from '../../../sync-server/actions';
import { createLogger } from '../../../sync-server/logging';
import { openRuntime } from '../../../sync-server/runtime';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const runtime = await openRuntime({
  storage: { kind: 'postgres', url },
  config: { tokenSecret: process.env.TOKEN_SECRET ?? 'action-worker-secret-0123456789abcdef', publicUrl: '' },
  log: createLogger({ level: 'warn', destination: process.stderr }),
});
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
const running = new Set<Promise<void>>();
lines.on('line', (line) => {
  const action = JSON.parse(line) as Action;
  const run = processAction(runtime.ctx, action).then(
    (outcome) => void process.stdout.write(`${JSON.stringify({ id: action.id, outcome })}\n`),
    (error: unknown) =>
      void process.stdout.write(`${JSON.stringify({ id: action.id, error: String(error) })}\n`),
  );
  running.add(run);
  void run.finally(() => running.delete(run));
});
lines.on('close', async () => {
  await Promise.all(running);
  await runtime.close();
  process.exit(0);
});
