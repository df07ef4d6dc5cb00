import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collections, actionSchema } from '../../../src/schema';
import { makeIin } from '../../../src/domain';
import { issueSession } from '../../../sync-server/auth';
import { accountCacheOf } from '../../../sync-server/auth/account-cache';
import { collection } from '../../../sync-server/database';
import { loginAs, seedSmallDistrict, startTestServer, type TestServer } from './harness';

// Issue 13, points 1 and 2: nothing a client sends stops the process, and every door refuses bad
// input with a 4xx in one envelope, `{ error: { code, message } }`, translated by Accept-Language.
// A real server on loopback over PGlite (the storage that refuses NUL), as an attacker would call it.

let t: TestServer;
let parentToken: string; // par-1: registered, IIN not yet confirmed (may edit the profile)
let fullParentToken: string; // par-2: IIN confirmed
let staffToken: string;
let staffId: string;
let supervisorToken: string;
const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);

beforeAll(async () => {
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  t = await startTestServer();
  await seedSmallDistrict(t.runtime);
  const { ctx } = t.runtime;
  parentToken = (await issueSession(ctx, { id: 'par-1', role: 'parent', tokenVersion: 0 })).token;
  const par2 = await collection(ctx.db, 'parents').findOne('par-2').exec();
  await par2!.incrementalPatch({ iin: makeIin({ birthDate: '1994-02-25', sex: 'male', serial: 3001 })! });
  fullParentToken = (await issueSession(ctx, { id: 'par-2', role: 'parent', tokenVersion: 0 })).token;
  ({ token: staffToken, userId: staffId } = await loginAs(t.runtime, {
    login: 'staff-a',
    role: 'staff',
    kindergartenId: 'kg-a',
  }));
  ({ token: supervisorToken } = await loginAs(t.runtime, {
    login: 'supervisor-t',
    role: 'supervisor',
    regionId: 'turkestan',
  }));
}, 60_000);

afterAll(async () => {
  await t.stop();
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
});

afterEach(async () => {
  // Node would have exited on either (the process answers below only because tests listen).
  expect(crashes.splice(0)).toEqual([]);
  const health = await fetch(`${t.server.url}/api/health`, { signal: AbortSignal.timeout(5000) });
  expect(health.status).toBe(200);
});

interface Sent {
  token?: string;
  /** A JSON body, or a raw one (`raw`) with its own content type. */
  body?: unknown;
  raw?: BodyInit;
  headers?: Record<string, string>;
  lang?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read JSON bodies of many shapes.
async function call(method: string, path: string, sent: Sent = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'accept-language': sent.lang ?? 'en', ...sent.headers };
  if (sent.token) headers.authorization = `Bearer ${sent.token}`;
  if (sent.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${t.server.url}${path}`, {
    method,
    headers,
    body: sent.body !== undefined ? JSON.stringify(sent.body) : sent.raw,
    // A request the server never answers fails here instead of hanging the suite.
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A refusal in the one envelope: the status, a code, and a message in the caller's language. */
function expectRefusal(reply: { status: number; body: unknown }, status: number, code: string) {
  expect(reply.status).toBe(status);
  expect(reply.body).toMatchObject({ error: { code, message: expect.any(String) } });
  const { message } = (reply.body as { error: { message: string } }).error;
  expect(message).not.toBe(code);
  expect(message.length).toBeGreaterThan(5);
}

const docOf = async (name: 'parents' | 'kindergartens' | 'groups' | 'users', id: string) =>
  (await collection(t.runtime.ctx.db, name).findOne(id).exec())?.toJSON() as Record<string, unknown>;
const countOf = (name: 'actions' | 'reviews' | 'uploads' | 'settings') =>
  collection(t.runtime.ctx.db, name).count().exec();

describe('the storage under the database', () => {
  it('refuses a NUL or a broken surrogate per row, and keeps taking later edits of the collection', async () => {
    // rxdb's incremental writes call the storage without awaiting it: a thrown write used to be an
    // unhandled rejection (Node exits) and left every later edit of the collection hanging.
    const parent = await collection(t.runtime.ctx.db, 'parents').findOne('par-3').exec();
    await expect(parent!.incrementalPatch({ address: 'a\u0000b' })).rejects.toMatchObject({ code: 'COL20' });
    await expect(parent!.incrementalPatch({ address: 'a\ud800b' })).rejects.toMatchObject({ code: 'COL20' });
    const saved = await parent!.incrementalPatch({ address: 'Туркестан, Саликбайы 33а' });
    expect(saved.address).toBe('Туркестан, Саликбайы 33а');
    expect((await docOf('parents', 'par-3')).address).toBe('Туркестан, Саликбайы 33а');
  });
});

describe('text PostgreSQL cannot store, at every door', () => {
  it('refuses a NUL in the profile address with 400 naming the field, and writes nothing', async () => {
    const reply = await call('PATCH', '/api/me', { token: parentToken, body: { address: 'a\u0000b' } });
    expectRefusal(reply, 400, 'unstorableText');
    expect(reply.body.error.field).toBe('address');
    expect((await docOf('parents', 'par-1')).address).toBeUndefined();
    // The same account edits its profile right after.
    const ok = await call('PATCH', '/api/me', { token: parentToken, body: { address: 'Арысь, 1' } });
    expect(ok.status).toBe(200);
    expect(ok.body.address).toBe('Арысь, 1');
  });

  it('refuses a lone surrogate, which jsonb cannot hold either', async () => {
    const reply = await call('PATCH', '/api/me', {
      token: parentToken,
      raw: '{"address":"a\\udc00b"}',
      headers: { 'content-type': 'application/json' },
    });
    expectRefusal(reply, 400, 'unstorableText');
    expect((await docOf('parents', 'par-1')).address).toBe('Арысь, 1');
  });

  it('refuses a NUL in a login name and in a review', async () => {
    expectRefusal(
      await call('POST', '/api/auth/login', { body: { login: '\u0000', password: 'x' } }),
      400,
      'unstorableText',
    );
    const before = await countOf('reviews');
    const review = await call('POST', '/api/reviews', {
      token: fullParentToken,
      body: { rating: 5, text: 'Жақсы\u0000', kindergartenId: 'kg-a' },
    });
    expectRefusal(review, 400, 'unstorableText');
    expect(review.body.error.field).toBe('text');
    expect(await countOf('reviews')).toBe(before);
  });

  it('refuses a body nested deeper than any document with 400 nestedTooDeep, before walking it all', async () => {
    const deep = `{"address":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    const reply = await call('PATCH', '/api/me', {
      token: parentToken,
      raw: deep,
      headers: { 'content-type': 'application/json' },
    });
    expectRefusal(reply, 400, 'nestedTooDeep');
    expect(reply.body.error.params.depth).toBe(64);
  });

  it('answers %00 in a path or a query with 400, never 5xx', async () => {
    expectRefusal(
      await call('GET', '/api/applications/%00', { token: fullParentToken }),
      400,
      'unstorableText',
    );
    expectRefusal(await call('GET', '/api/bulletins?regionId=%00'), 400, 'unstorableText');
    expectRefusal(
      await call('GET', `/replication/bulletins/${collections.bulletins.schema.version}/pull?lwt=0&id=%00`, {
        token: staffToken,
      }),
      400,
      'unstorableText',
    );
    expectRefusal(
      await call('GET', '/api/supervisor/bulletins/%00', { token: supervisorToken }),
      400,
      'unstorableText',
    );
  });

  it("refuses a NUL in the supervisor's catalogue, staff and calendar edits, and writes nothing", async () => {
    const token = supervisorToken;
    const settings = await countOf('settings');
    const cases = [
      ['PATCH', '/api/supervisor/kindergartens/kg-a', { nameRu: 'Балапан\u0000' }, 'nameRu'],
      ['PATCH', '/api/supervisor/groups/grp-a', { name: 'Жұлдыз\u0000' }, 'name'],
      ['PATCH', `/api/supervisor/staff/${staffId}`, { name: 'Исенова\u0000' }, 'name'],
      [
        'PUT',
        '/api/supervisor/calendar',
        {
          year: 2026,
          data: {
            fixedHolidays: [{ month: 3, day: 22, name: 'Наурыз\u0000' }],
            religiousDays: [],
            transfers: [],
          },
        },
        'data.fixedHolidays.0.name',
      ],
    ] as const;
    for (const [method, path, body, field] of cases) {
      const reply = await call(method, path, { token, body });
      expectRefusal(reply, 400, 'unstorableText');
      expect(reply.body.error.field).toBe(field);
    }
    expect((await docOf('kindergartens', 'kg-a')).nameRu).toBe('ГККП «Балапан» ясли-сад');
    expect((await docOf('groups', 'grp-a')).name).toBe('grp-a тобы');
    expect((await docOf('users', staffId)).name).toBe('staff-a');
    expect(await countOf('settings')).toBe(settings);
  });

  it('refuses a pushed action with a NUL in its payload, and an audit query with one', async () => {
    const before = await countOf('actions');
    const now = t.clock.now();
    const push = await call('POST', `/replication/actions/${actionSchema.version}/push`, {
      token: staffToken,
      body: [
        {
          newDocumentState: {
            id: 'act-nul',
            kind: 'bulletin.close',
            payload: { bulletinId: 'bul-a\u0000' },
            actor: staffId,
            actorRole: 'staff',
            kindergartenId: 'kg-a',
            deviceId: 'desk-1',
            occurredAt: now.toISOString(),
            status: 'pending',
            updatedAt: now.getTime(),
            _deleted: false,
          },
        },
      ],
    });
    expectRefusal(push, 400, 'unstorableText');
    expect(push.body.error.field).toBe('0.newDocumentState.payload.bulletinId');
    expect(await countOf('actions')).toBe(before);
    expectRefusal(
      await call('POST', '/rest/audit/0/query', {
        token: supervisorToken,
        body: { selector: { entityIds: { $elemMatch: { $eq: '\u0000' } } } },
      }),
      400,
      'unstorableText',
    );
  });
});

describe('bodies that are not what they say', () => {
  it('answers Content-Encoding: gzip over a plain body with 400 on every door', async () => {
    const gzip = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
    const doors = [
      ['POST', '/api/auth/login', undefined],
      ['PATCH', '/api/me', parentToken],
      ['PATCH', '/api/supervisor/kindergartens/kg-a', supervisorToken],
      ['POST', `/replication/actions/${actionSchema.version}/push`, staffToken],
      ['POST', '/rest/audit/0/query', supervisorToken],
    ] as const;
    for (const [method, path, token] of doors) {
      const reply = await call(method, path, { token, raw: '{"selector":{}}', headers: gzip });
      expectRefusal(reply, 400, 'badContentEncoding');
      expect(JSON.stringify(reply.body)).not.toContain('Z_');
    }
  });

  const part = (headers: string, content = 'x') => `--b\r\n${headers}\r\n\r\n${content}\r\n--b--\r\n`;
  const malformed: [string, string, string][] = [
    ['no boundary', 'multipart/form-data', part('Content-Disposition: form-data; name="photo"')],
    [
      'a truncated body',
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="photo"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG',
    ],
    [
      'a 100 KB part header',
      'multipart/form-data; boundary=b',
      part(
        `Content-Disposition: form-data; name="photo"; filename="a.png"\r\nX-Pad: ${'h'.repeat(100 * 1024)}`,
      ),
    ],
    [
      'a NUL in the file name',
      'multipart/form-data; boundary=b',
      part('Content-Disposition: form-data; name="photo"; filename="a\u0000.png"\r\nContent-Type: image/png'),
    ],
  ];
  const uploads = () =>
    [
      ['POST', '/api/me/photo', parentToken],
      ['POST', '/api/referrals/ref-1/extend', fullParentToken],
      ['PUT', '/api/referrals/ref-1/documents/doc_act-1_0', staffToken],
    ] as const;

  for (const [what, type, raw] of malformed) {
    it(`answers a multipart upload with ${what} with 400, and stores nothing`, async () => {
      const before = await countOf('uploads');
      for (const [method, path, token] of uploads()) {
        const reply = await call(method, path, { token, raw, headers: { 'content-type': type } });
        expect(reply.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
        expect(reply.status, `${method} ${path}`).toBeLessThan(500);
        expectRefusal(reply, reply.status, reply.body.error.code);
      }
      expect(await countOf('uploads')).toBe(before);
    });
  }

  it("answers a NUL in a well-formed upload's file name with 400 naming the field", async () => {
    const form = new FormData();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    form.append('photo', new Blob([png], { type: 'image/png' }), 'фото\u0000.png');
    const reply = await call('POST', '/api/me/photo', { token: parentToken, raw: form });
    expectRefusal(reply, 400, reply.body.error.code);
    expect((await docOf('parents', 'par-1')).photoId).toBeUndefined();
  });
});

describe('requests the routes did not expect', () => {
  it('answers a 65-character decision id with 400, not a ZodError 500', async () => {
    const reply = await call('GET', `/api/supervisor/decisions/${'x'.repeat(65)}`, {
      token: supervisorToken,
    });
    expectRefusal(reply, 400, 'invalidInput');
    expect(reply.body.error.params.fields).toEqual(['entityId']);
  });

  it('answers an audit query with an operator mingo does not know with 400', async () => {
    for (const selector of [{ $gt: '' }, { seq: { $foo: 1 } }, { $and: 5 }]) {
      expectRefusal(
        await call('POST', '/rest/audit/0/query', { token: supervisorToken, body: { selector } }),
        400,
        'badQuery',
      );
    }
    const fine = await call('POST', '/rest/audit/0/query', {
      token: supervisorToken,
      body: { selector: {} },
    });
    expect(fine.status).toBe(200);
  });

  it('answers HEAD on every stream with its headers and ends', async () => {
    const streams = [
      ['/api/events', parentToken],
      ['/api/supervisor/live', supervisorToken],
      [`/replication/bulletins/${collections.bulletins.schema.version}/pullStream`, staffToken],
      [`/rest/audit/0/query/observe?query=${btoa('{"selector":{}}')}`, supervisorToken],
    ] as const;
    for (const [path, token] of streams) {
      const res = await fetch(`${t.server.url}${path}`, {
        method: 'HEAD',
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(5000),
      });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain('text/event-stream');
    }
  });
});

describe('a storage failure under a live stream', () => {
  it('ends the event stream instead of leaving an unhandled rejection', async () => {
    const res = await fetch(`${t.server.url}/api/events`, {
      headers: { authorization: `Bearer ${fullParentToken}` },
      signal: AbortSignal.timeout(5000),
    });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: ready');
    // The session check before each event reads the sessions and accounts (through the account cache,
    // the checks of one turn together: verifySessions): make those reads fail, as a lost database
    // connection would, for as long as the event is delivered.
    const cache = accountCacheOf(t.runtime.ctx.db);
    const read = cache.read.bind(cache);
    cache.read = (() => Promise.reject(new Error('connection lost'))) as never;
    try {
      t.runtime.ctx.events.publish({ type: 'notification', audience: ['par-2'], data: { id: 'ntf-1' } });
      let text = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      expect(text).not.toContain('ntf-1');
    } finally {
      cache.read = read;
    }
  });
});

describe('one error envelope on every door', () => {
  it('answers replication and audit REST refusals in the envelope, in the caller’s language, with the statuses the client acts on', async () => {
    const texts = new Set<string>();
    for (const lang of ['kk', 'ru', 'en']) {
      const pull = await call(
        'GET',
        `/replication/bulletins/${collections.bulletins.schema.version}/pull?lwt=0`,
        { lang },
      );
      expectRefusal(pull, 401, 'unauthorized');
      texts.add(pull.body.error.message);
    }
    expect(texts.size).toBe(3);
    expectRefusal(
      await call('GET', `/replication/bulletins/${collections.bulletins.schema.version}/pull?lwt=0`, {
        token: parentToken,
      }),
      401,
      'unauthorized',
    );
    // A forged push (an action in another's name) is 403: the client's forbidden$.
    const forged = await call('POST', `/replication/actions/${actionSchema.version}/push`, {
      token: staffToken,
      body: [{ newDocumentState: { id: 'act-forged', actor: 'someone-else', _deleted: false } }],
    });
    expectRefusal(forged, 403, 'forbidden');
    expectRefusal(
      await call('POST', '/rest/audit/0/set', { token: supervisorToken, body: [] }),
      403,
      'auditAppendOnly',
    );
    expectRefusal(await call('GET', '/rest/audit/0/query/observe?query=%%%'), 400, 'badQuery');
    expectRefusal(await call('GET', '/replication/nothing/0/pull'), 404, 'notFound');
  });

  it('answers supervisor API refusals with a translated message, the pages’ own texts first', async () => {
    const anonymous = await call('GET', '/api/supervisor/me', { lang: 'en' });
    expectRefusal(anonymous, 401, 'notSignedIn');
    expect(anonymous.body.error.message).toBe('Please sign in as a district supervisor.');
    const invalid = await call('POST', '/api/supervisor/kindergartens', {
      token: supervisorToken,
      body: { nameRu: 5 },
      lang: 'ru',
    });
    expectRefusal(invalid, 400, 'invalidInput');
    expect(invalid.body.error.message).toMatch(/[а-яА-Я]/);
    expectRefusal(await call('GET', '/api/supervisor/nothing', { token: supervisorToken }), 404, 'notFound');
  });
});

describe("every operation of the parents' API", () => {
  it('answers a NUL in each path parameter and in each body with a 4xx envelope, and writes nothing', async () => {
    const openApi = (await (await fetch(`${t.server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const counted = ['actions', 'reviews', 'uploads'] as const;
    const before = await Promise.all(counted.map(countOf));
    const answers: string[] = [];
    for (const [path, operations] of Object.entries(openApi.paths)) {
      // Logging out is what these calls would do to the session they run on, not a refusal; the event
      // stream answers 200 and stays open (its HEAD is tested above).
      if (path.startsWith('/api/auth/logout') || path === '/api/events') continue;
      if (path.startsWith('/api/supervisor/')) continue; // with a supervisor's session, below
      for (const method of Object.keys(operations)) {
        const variants: Sent[] = [
          {
            token: fullParentToken,
            body: method === 'get' ? undefined : { text: 'a\u0000b', iin: '\u0000' },
          },
          {
            token: fullParentToken,
            raw: method === 'get' ? undefined : '{"text":"\\ud800"}',
            headers: { 'content-type': 'application/json' },
          },
        ];
        for (const sent of variants) {
          const target = path.replace(/\{[^}]+\}/g, '%00');
          const reply = await call(method.toUpperCase(), target, sent);
          const enveloped =
            typeof reply.body?.error?.code === 'string' && typeof reply.body?.error?.message === 'string';
          if (reply.status < 400 || reply.status >= 500 || !enveloped) {
            if (!target.includes('%00') && reply.status < 400) continue; // a GET without parameters may answer
            answers.push(`${method} ${target} ${reply.status}`);
          }
        }
      }
    }
    expect(answers).toEqual([]);
    expect(await Promise.all(counted.map(countOf))).toEqual(before);
  });

  it('and so does every route of the supervisor API', async () => {
    // The routes as the one route table documents them: a route added later is swept too.
    const openApi = (await (await fetch(`${t.server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    const routes = Object.entries(openApi.paths).flatMap(([path, operations]) =>
      path.startsWith('/api/supervisor/')
        ? Object.entries(operations).map(
            ([m, op]) =>
              [
                m,
                path.slice('/api/supervisor'.length).replace(/\{([A-Za-z]+)\}/g, ':$1'),
                op.requestBody !== undefined,
              ] as const,
          )
        : [],
    );
    expect(routes.length).toBeGreaterThan(25);
    const answers: string[] = [];
    for (const [method, path, takesBody] of routes) {
      if (path === '/live') continue; // a stream (HEAD tested above)
      // A route that takes no body (close, reopen, disable…) never reads one: nothing of it is stored.
      const sent = [
        [path.replace(/:[A-Za-z]+/g, '%00'), undefined],
        [`${path.replace(/:[A-Za-z]+/g, 'kg-a')}?kindergartenId=%00&year=%00`, undefined],
        ...(takesBody ? [[path.replace(/:[A-Za-z]+/g, 'kg-a'), { name: 'a\u0000b' }] as const] : []),
      ] as const;
      for (const [target, body] of sent) {
        const reply = await call(method.toUpperCase(), `/api/supervisor${target}`, {
          token: supervisorToken,
          body,
        });
        const enveloped =
          typeof reply.body?.error?.code === 'string' && typeof reply.body?.error?.message === 'string';
        if (reply.status >= 500 || (reply.status >= 400 && !enveloped) || (body && reply.status < 400))
          answers.push(`${method} ${target} ${reply.status}`);
      }
    }
    expect(answers).toEqual([]);
  });
});
