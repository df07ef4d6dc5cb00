import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collections } from '../../../src/schema';
import { makeIin } from '../../../src/domain';
import { issueSession } from '../../../sync-server/auth';
import { collection } from '../../../sync-server/database';
import { loginAs, seedSmallDistrict, startTestServer, type TestServer } from './harness';

// Issue 13, point 9: every operation of every door (the parents' API from /api/openapi.json, the
// supervisor router's routes, replication pull/push of each collection, the audit REST query) called
// with generated hostile requests by a caller of the right role. Each answer is below 500, every 4xx
// is the one envelope, the process answers /api/health after each operation's batch, and a batch
// nothing accepted wrote nothing. FUZZ_RUNS cases per operation (20 in `npm test`; `npm run test:fuzz`
// runs 100), FUZZ_SEED replays a run; a failure names the seed and path fast-check prints.

const RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
/** The whole run stops by itself after this (ms); each operation gets its share. */
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 80_000);

let t: TestServer;
/** parent: IIN confirmed; registering: a parent before the IIN step (who may still edit the profile). */
const tokens: Record<'parent' | 'registering' | 'staff' | 'supervisor', string> = {
  parent: '',
  registering: '',
  staff: '',
  supervisor: '',
};
const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);
const stats = {
  requests: 0,
  operations: 0,
  fiveXx: 0,
  started: Date.now(),
  statuses: {} as Record<number, number>,
  doors: {} as Record<string, number>,
};

beforeAll(async () => {
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  t = await startTestServer();
  await seedSmallDistrict(t.runtime);
  const { ctx } = t.runtime;
  const par2 = await collection(ctx.db, 'parents').findOne('par-2').exec();
  await par2!.incrementalPatch({ iin: makeIin({ birthDate: '1994-02-25', sex: 'male', serial: 3001 })! });
  tokens.parent = (await issueSession(ctx, { id: 'par-2', role: 'parent', tokenVersion: 0 })).token;
  tokens.registering = (await issueSession(ctx, { id: 'par-1', role: 'parent', tokenVersion: 0 })).token;
  ({ token: tokens.staff } = await loginAs(t.runtime, {
    login: 'staff-a',
    role: 'staff',
    kindergartenId: 'kg-a',
  }));
  ({ token: tokens.supervisor } = await loginAs(t.runtime, {
    login: 'supervisor-t',
    role: 'supervisor',
    regionId: 'turkestan',
  }));
}, 120_000);

afterAll(async () => {
  const seconds = ((Date.now() - stats.started) / 1000).toFixed(1);
  console.log(
    `fuzz: ${stats.requests} requests over ${stats.operations} operations ${JSON.stringify(stats.doors)} in ${seconds} s, ` +
      `${stats.fiveXx} answers of 5xx; statuses ${JSON.stringify(stats.statuses)} (FUZZ_RUNS=${RUNS}, FUZZ_SEED=${SEED})`,
  );
  await t?.stop();
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
});

// ---- hostile values ----

const traps = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  '\u202e\u200f',
  '\uffff',
  '\ufeff',
  '\u2028',
  '../../etc/passwd',
  '..%2f..%2f',
  '%2e%2e/%2e%2e',
  '__proto__',
  'constructor',
  'prototype',
  '$where',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '',
  ' ',
  '0',
  '-1',
  'null',
  'NaN',
  '1e309',
  'kg-a',
  'ref-1',
  'app-1',
  'par-2',
];
const hostileString = fc.oneof(
  fc.constantFrom(...traps),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '\uffff', 'a', 'ә'),
    maxLength: 20,
  }),
  fc.nat({ max: 200_000 }).map((n) => 'я'.repeat(n)),
);
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '$gt', '', '\u0000', 'a.b', 'id'),
  fc.string({ maxLength: 12 }),
);
const hostileScalar = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, false, 0, -1, 2 ** 53, Number.MAX_SAFE_INTEGER),
);
const { value: hostileValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileScalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 5 }),
  ),
}));
/** Percent-encoded; a lone surrogate (which encodeURIComponent throws on) sent as %00 instead. */
const uri = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\u0000'));
const deep = fc.nat({ max: 5000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`);

/** A JSON body built from the fields an operation names, each with a hostile or missing value. */
const bodyFor = (fields: string[]) =>
  fc
    .record(Object.fromEntries(fields.map((f) => [f, hostileValue])), { requiredKeys: [] })
    .chain((base) =>
      fc.dictionary(hostileKey, hostileValue, { maxKeys: 3 }).map((extra) => ({ ...extra, ...base })),
    );

interface Raw {
  body?: BodyInit;
  headers: Record<string, string>;
  what: string;
}
const json = (v: unknown): Raw => ({
  body: JSON.stringify(v),
  headers: { 'content-type': 'application/json' },
  what: 'json',
});
const multipart = fc.oneof(
  fc.constant('multipart/form-data'),
  fc.constant('multipart/form-data; boundary=b'),
  fc.constant('multipart/form-data; boundary='),
  hostileString.map((b) => `multipart/form-data; boundary=${uri(b).slice(0, 80) || 'b'}`),
);
const multipartBody = fc.oneof(
  fc.constant('--b\r\nContent-Disposition: form-data; name="photo"; filename="a.png"\r\n\r\n\x89PNG'),
  hostileString.map(
    (name) =>
      `--b\r\nContent-Disposition: form-data; name="photo"; filename="${name}"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n--b--\r\n`,
  ),
  hostileString.map((name) => `--b\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nx\r\n--b--\r\n`),
  fc.nat({ max: 120_000 }).map((n) => `--b\r\nX-Pad: ${'h'.repeat(n)}\r\n\r\nx\r\n--b--\r\n`),
  fc.constant('--b--\r\n'),
);
/** The body of a request: what it is, its headers. */
const rawBody = (fields: string[]): fc.Arbitrary<Raw> =>
  fc.oneof(
    bodyFor(fields).map(json),
    hostileValue.map(json),
    deep.map((d) => ({ body: `{"a":${d}}`, headers: { 'content-type': 'application/json' }, what: 'deep' })),
    fc.uint8Array({ maxLength: 64 }).map((bytes) => ({
      body: Buffer.concat([
        Buffer.from('{"text":"'),
        Buffer.from([0xc3, 0x28, 0xff, ...bytes]),
        Buffer.from('"}'),
      ]),
      headers: { 'content-type': 'application/json' },
      what: 'bad utf-8',
    })),
    fc
      .constantFrom('{', '{"a":1,}', 'null', '"x"', '[]', '1', '{"__proto__":{"polluted":1}}')
      .map((body) => ({
        body,
        headers: { 'content-type': 'application/json' },
        what: 'bad json',
      })),
    fc
      .constantFrom(
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'application/json; charset=koi8-r',
        '\u0000',
      )
      .map((type) => ({
        body: '{"a":"b"}',
        headers: { 'content-type': type.replace('\u0000', '%00') },
        what: 'wrong type',
      })),
    fc.constant({
      body: '{"a":"b"}',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      what: 'gzip over plain',
    }),
    fc.constant({
      body: gzipSync('{"a":'),
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      what: 'gzip of bad json',
    }),
    fc
      .tuple(multipart, multipartBody)
      .map(([type, body]) => ({ body, headers: { 'content-type': type }, what: 'multipart' })),
    fc.constant({ body: undefined, headers: {}, what: 'no body' }),
  );

const badPercent = fc.constantFrom(
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%ed%a0%80',
  '%00',
  '%2e%2e',
  '..',
  '%2e%2e%2f%2e%2e',
);
/** A path parameter: a real id, a hostile text percent-encoded, or a broken encoding. */
const pathParam = fc.oneof(
  fc.constantFrom('kg-a', 'grp-a', 'ref-1', 'app-1', 'bul-a', 'par-2', 'turkestan', '2026'),
  hostileString.map((s) => uri(s).slice(0, 2000) || '%20'),
  badPercent,
);
const query = fc.array(
  fc.tuple(
    fc.oneof(
      hostileKey.map((k) => uri(k)),
      fc.constantFrom('lwt', 'id', 'limit', 'year', 'kindergartenId', 'regionId', 'status', 'q'),
    ),
    fc.oneof(pathParam, fc.constantFrom('0', '-1', '1e999', '[]')),
  ),
  { maxLength: 4 },
);

// ---- the operations ----

interface Operation {
  door: string;
  method: string;
  /** The path with `{name}` where a parameter goes. */
  path: string;
  role: keyof typeof tokens;
  /** Other sessions a case may be sent with (the parents' API also serves staff uploads). */
  alsoAs?: (keyof typeof tokens)[];
  fields: string[];
}

interface Reply {
  status: number;
  text: string;
}

async function send(
  op: Operation,
  role: keyof typeof tokens,
  params: string[],
  q: [string, string][],
  raw: Raw,
): Promise<Reply> {
  let i = 0;
  const path = op.path.replace(/\{[^}]+\}/g, () => params[i++ % Math.max(params.length, 1)] ?? 'x');
  const search = q.length ? `?${q.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
  const method = op.method.toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const res = await fetch(`${t.server.url}${path}${search}`, {
    method,
    headers: {
      'accept-language': 'ru',
      authorization: `Bearer ${tokens[role]}`,
      ...(hasBody ? raw.headers : {}),
    },
    body: hasBody ? raw.body : undefined,
    signal: AbortSignal.timeout(15_000),
  });
  stats.requests++;
  stats.statuses[res.status] = (stats.statuses[res.status] ?? 0) + 1;
  return { status: res.status, text: await res.text() };
}

function enveloped(text: string): boolean {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof body?.error?.code === 'string' && typeof body.error.message === 'string';
  } catch {
    return false;
  }
}

/** A cheap fingerprint of what a refused request could have written: counts and latest updatedAt. */
const WRITABLE = [
  'actions',
  'reviews',
  'uploads',
  'settings',
  'parents',
  'children',
  'users',
  'kindergartens',
  'groups',
  'audit',
] as const;
async function fingerprint(): Promise<string> {
  const parts = await Promise.all(
    WRITABLE.map(async (name) => {
      // biome-ignore lint/suspicious/noExplicitAny: every collection, one shape of question.
      const c = collection(t.runtime.ctx.db, name as any) as any;
      // A rule's refusal of an action is kept as a rejected action with its reason (the record every
      // action gets, from a workstation, a parent or a supervisor): a record of the refusal, not a change.
      const query = name === 'actions' ? { selector: { status: { $ne: 'rejected' } } } : {};
      const count = await c.count(query).exec();
      const docs = (await c.find(query).exec()) as { toJSON(): { updatedAt?: unknown } }[];
      const latest = docs.reduce((m, d) => {
        const u = d.toJSON().updatedAt;
        return typeof u === 'number' && u > m ? u : m;
      }, 0);
      return `${name}:${count}:${latest}`;
    }),
  );
  return parts.join(' ');
}

async function fuzz(op: Operation, budgetMs: number): Promise<string[]> {
  stats.operations++;
  stats.doors[op.door] = (stats.doors[op.door] ?? 0) + 1;
  const problems: string[] = [];
  let accepted = 0;
  const before = await fingerprint();
  const result = await fc.check(
    fc.asyncProperty(
      fc.array(pathParam, { minLength: 1, maxLength: 3 }),
      query,
      rawBody(op.fields),
      fc.constantFrom(op.role, ...(op.alsoAs ?? [])),
      async (params, q, raw, role) => {
        const reply = await send(op, role, params, q, raw);
        // A GET writes nothing even when it answers; a write accepted may have written by right.
        if (reply.status < 400 && op.method !== 'get') accepted++;
        if (reply.status >= 500) stats.fiveXx++;
        const what = `${op.method.toUpperCase()} ${op.path} as ${role} (${raw.what}) → ${reply.status} ${reply.text.slice(0, 200)}`;
        if (reply.status >= 500) throw new Error(`5xx: ${what}`);
        if (reply.status >= 400 && op.method !== 'head' && !enveloped(reply.text))
          throw new Error(`no envelope: ${what}`);
        if (crashes.length) throw new Error(`crash: ${what}: ${String(crashes.splice(0)[0])}`);
      },
    ),
    { numRuns: RUNS, seed: SEED, endOnFailure: true, interruptAfterTimeLimit: budgetMs },
  );
  if (result.failed)
    problems.push(
      `${op.method} ${op.path} [${op.role}]: ${(fc.defaultReportMessage(result) ?? '').slice(0, 4000)}`,
    );
  const health = await fetch(`${t.server.url}/api/health`, { signal: AbortSignal.timeout(10_000) });
  if (health.status !== 200) problems.push(`${op.method} ${op.path}: /api/health answered ${health.status}`);
  // A batch nothing accepted wrote nothing (a batch with an accepted call may have written by right).
  if (accepted === 0) {
    const after = await fingerprint();
    if (after !== before)
      problems.push(`${op.method} ${op.path}: refused requests wrote (${before} → ${after})`);
  }
  return problems;
}

const SKIP = [
  // What these do to the session they run on is their purpose, not a refusal.
  /^\/api\/auth\/logout/,
  // Streams answer 200 and stay open (their HEAD and session ends are tested elsewhere).
  /^\/api\/events$/,
  /^\/api\/supervisor\/live$/,
];

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: unknown }>>;
}
const openApi = async () => (await (await fetch(`${t.server.url}/api/openapi.json`)).json()) as OpenApi;
const isSupervisorPath = (path: string) => path.startsWith('/api/supervisor/');

async function parentOperations(): Promise<Operation[]> {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries((await openApi()).paths)) {
    if (SKIP.some((re) => re.test(path)) || isSupervisorPath(path)) continue;
    for (const [method, spec] of Object.entries(methods)) {
      const fields = Object.keys(
        // biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document's nested shape.
        (spec as any)?.requestBody?.content?.['application/json']?.schema?.properties ?? {},
      );
      ops.push({
        door: 'api',
        method,
        path,
        role: 'parent',
        alsoAs: ['registering', 'staff'],
        fields: fields.length ? fields : ['text', 'iin', 'id'],
      });
    }
  }
  return ops;
}

/** The supervisor routes as /api/openapi.json lists them (the same route table serves them). */
async function supervisorOperations(): Promise<Operation[]> {
  return Object.entries((await openApi()).paths).flatMap(([path, methods]) =>
    isSupervisorPath(path) && !SKIP.some((re) => re.test(path))
      ? Object.keys(methods).map((method) => ({
          door: 'supervisor',
          method,
          path,
          role: 'supervisor' as const,
          fields: ['name', 'nameRu', 'year', 'data', 'reason', 'kindergartenId', 'status'],
        }))
      : [],
  );
}

const REPLICATED = [
  'kindergartens',
  'groups',
  'bulletins',
  'applications',
  'responses',
  'referrals',
  'notifications',
  'actions',
] as const;
function replicationOperations(): Operation[] {
  return REPLICATED.flatMap((name) =>
    (['staff', 'supervisor'] as const).flatMap((role) => [
      {
        door: 'replication',
        method: 'get',
        path: `/replication/${name}/${collections[name].schema.version}/pull`,
        role,
        fields: [],
      },
      {
        door: 'replication',
        method: 'post',
        path: `/replication/${name}/${collections[name].schema.version}/push`,
        role,
        fields: ['0', 'newDocumentState', 'assumedMasterState'],
      },
    ]),
  );
}

const auditOperations = (): Operation[] => [
  {
    door: 'audit',
    method: 'post',
    path: '/rest/audit/0/query',
    role: 'supervisor',
    fields: ['selector', 'sort', 'limit', 'skip'],
  },
  { door: 'audit', method: 'post', path: '/rest/audit/0/set', role: 'supervisor', fields: ['0', 'id'] },
  { door: 'audit', method: 'post', path: '/rest/audit/0/delete', role: 'supervisor', fields: ['0', 'ids'] },
];

describe('fuzzing every door with hostile requests of the right role', () => {
  it(
    'answers every generated request below 500, with the envelope on every 4xx, alive, writing nothing it refused',
    async () => {
      const ops = [
        ...(await parentOperations()),
        ...(await supervisorOperations()),
        ...replicationOperations(),
        ...auditOperations(),
      ];
      expect(ops.length).toBeGreaterThan(80);
      const deadline = stats.started + BUDGET_MS;
      const problems: string[] = [];
      for (const [i, op] of ops.entries()) {
        // Every operation runs: past the budget each gets a few hundred ms.
        const left = deadline - Date.now();
        problems.push(...(await fuzz(op, Math.max(300, left / (ops.length - i)))));
      }
      expect(problems, `FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} replays this run`).toEqual([]);
      expect(stats.operations).toBe(ops.length);
    },
    BUDGET_MS + 120_000,
  );
});
