import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIin } from '../../../src/domain';
import { collectionOf } from '../../../sync-server/schema';
import { LOCALITY, REGION, registerParent, seedCatalogue, startApi, type TestApi } from './harness';

// Bad input at the boundary (issue 5): every refusal is a 4xx with a code, and nothing is written.
let api: TestApi;
let token: string;
let childId: string;

beforeAll(async () => {
  api = await startApi();
  await seedCatalogue(api.ctx);
  ({ token } = await registerParent(api));
  const child = await api.call('POST', '/children', { token, body: { iin: '170720600126' } });
  childId = child.body.id;
});
afterAll(async () => {
  await api.close();
});

async function applicationCount() {
  return collectionOf(api.ctx.db, 'applications').count().exec();
}

describe('malformed requests', () => {
  it('answers malformed JSON with 400 malformedJson, in Russian by default', async () => {
    const res = await api.call('POST', '/applications', {
      token,
      raw: '{"childId": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformedJson');
    expect(res.body.error.message).toMatch(/[а-яА-Я]/);
    expect(await applicationCount()).toBe(0);
  });

  it('translates the message to the Accept-Language of the request', async () => {
    const messages = await Promise.all(
      ['kk', 'ru', 'en-GB,en;q=0.9'].map(async (lng) => {
        const res = await api.call('POST', '/auth/otp', {
          raw: '{',
          headers: { 'content-type': 'application/json', 'accept-language': lng },
        });
        return res.body.error.message as string;
      }),
    );
    expect(new Set(messages).size).toBe(3);
    expect(messages[2]).toBe('The request is malformed.');
  });

  it('names the field of a wrong type', async () => {
    const res = await api.call('POST', '/applications', {
      token,
      body: { childId, groupType: 'ordinary', languages: 'kk', regionId: REGION, localityId: LOCALITY },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'validation', field: 'languages' });
    expect(await applicationCount()).toBe(0);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await api.call('POST', '/children', {
      token,
      raw: 'iin=170720600126',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupportedMediaType');
  });

  it('refuses an oversize body with 413 before reading it into the handler', async () => {
    const res = await api.call('PATCH', '/me', { token, body: { address: 'x'.repeat(100 * 1024) } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payloadTooLarge');
    const me = await api.call('GET', '/me', { token });
    expect(me.body.address).toBeUndefined();
  });

  it('refuses an application in a locality the catalogue does not have', async () => {
    const res = await api.call('POST', '/applications', {
      token,
      body: { childId, groupType: 'ordinary', languages: ['kk'], regionId: REGION, localityId: 'atlantis' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'unknownLocality', field: 'localityId' });
    expect(await applicationCount()).toBe(0);
  });
});

describe('uploads', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

  it('accepts a PNG photo and serves it back', async () => {
    const form = new FormData();
    form.append('photo', new Blob([png], { type: 'image/png' }), 'me.png');
    const res = await api.call('POST', '/me/photo', { token, raw: form });
    expect(res.status).toBe(200);
    expect(res.body.photoUrl).toMatch(/^\/api\/me\/photo/);
    const photo = await api.call('GET', '/me/photo', { token });
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(Buffer.compare(photo.body, png)).toBe(0);
  });

  it('refuses a photo over 2 MB with 413 and keeps the old one', async () => {
    const form = new FormData();
    const big = Buffer.concat([png, Buffer.alloc(2 * 1024 * 1024)]);
    form.append('photo', new Blob([big], { type: 'image/png' }), 'big.png');
    const res = await api.call('POST', '/me/photo', { token, raw: form });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payloadTooLarge');
    const uploads = await collectionOf(api.ctx.db, 'uploads').find().exec();
    expect(uploads.map((u) => u.size)).toEqual([png.length]);
  });

  it('refuses a file that is not a picture, and one whose content does not match its declared type', async () => {
    for (const [content, type] of [
      [Buffer.from('hello'), 'text/plain'],
      [Buffer.from('<svg onload=alert(1)>'), 'image/png'],
    ] as const) {
      const form = new FormData();
      form.append('photo', new Blob([content], { type }), 'x');
      const res = await api.call('POST', '/me/photo', { token, raw: form });
      expect(res.status).toBe(415);
      expect(res.body.error.code).toBe('unsupportedFileType');
    }
    expect(await collectionOf(api.ctx.db, 'uploads').count().exec()).toBe(1);
  });

  it('refuses more files than allowed', async () => {
    const form = new FormData();
    form.append('photo', new Blob([png], { type: 'image/png' }), 'a.png');
    form.append('photo', new Blob([png], { type: 'image/png' }), 'b.png');
    const res = await api.call('POST', '/me/photo', { token, raw: form });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('tooManyFiles');
  });
});

describe('IINs', () => {
  it('names what is wrong with an IIN (docs/domain.md examples) and adds nothing', async () => {
    const cases = [
      ['170720600121', 'checksum'],
      ['171320600125', 'date'],
      ['170720700129', 'century'],
      ['1707206001', 'length'],
      ['17072060012x', 'digits'],
    ];
    for (const [iin, reason] of cases) {
      const res = await api.call('POST', '/children/check', { token, body: { iin } });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'invalidIin', field: 'iin', params: { reason } });
    }
    expect(await collectionOf(api.ctx.db, 'children').count().exec()).toBe(1);
  });

  it('answers 404 iinNotFound for a valid IIN the registry does not know', async () => {
    const unknown = makeIin({ birthDate: '2018-05-05', sex: 'male', serial: 9999 })!;
    const res = await api.call('POST', '/children', { token, body: { iin: unknown } });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('iinNotFound');
  });

  it('refuses the same child twice, and the parent’s own IIN as a child', async () => {
    const again = await api.call('POST', '/children', { token, body: { iin: '170720600126' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('childAlreadyAdded');
    const self = await api.call('POST', '/children', { token, body: { iin: '940225300128' } });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('childIsParent');
  });
});

describe('another parent’s ids', () => {
  it('answers 404 for another parent’s application, referral, notification and child, and changes nothing', async () => {
    const filed = await api.call('POST', '/applications', {
      token,
      body: { childId, groupType: 'ordinary', languages: ['kk'], regionId: REGION, localityId: LOCALITY },
    });
    expect(filed.status).toBe(201);
    const other = await registerParent(
      api,
      '+7 705 111 22 33',
      makeIin({ birthDate: '1990-03-03', sex: 'female', serial: 7 })!,
    );
    const inbox = await api.call('GET', '/notifications', { token });

    const attempts = [
      await api.call('GET', `/applications/${filed.body.id}`, { token: other.token }),
      await api.call('POST', `/applications/${filed.body.id}/withdraw`, { token: other.token }),
      await api.call('POST', `/applications/${filed.body.id}/interest`, { token: other.token }),
      await api.call('POST', `/notifications/${inbox.body[0].id}/read`, { token: other.token }),
      await api.call('GET', '/referrals/ref_nonexistent/pdf', { token: other.token }),
      await api.call('POST', '/applications', {
        token: other.token,
        body: { childId, groupType: 'ordinary', languages: ['kk'], regionId: REGION, localityId: LOCALITY },
      }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('notFound');
    }
    const mine = await api.call('GET', `/applications/${filed.body.id}`, { token });
    expect(mine.body.status).toBe('waiting');
    const unread = await api.call('GET', '/notifications/unread-count', { token });
    expect(unread.body.unread).toBe(1);
    const theirs = await api.call('POST', '/children', { token: other.token, body: { iin: '170720600126' } });
    expect(theirs.status).toBe(409);
    expect(theirs.body.error.code).toBe('childOfAnotherParent');
    const theirApps = await api.call('GET', '/applications', { token: other.token });
    expect(theirApps.body).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  it('lists every route with its schema, generated from the same table that validates', async () => {
    const doc = await api.call('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.body.paths);
    for (const p of [
      '/api/auth/otp',
      '/api/auth/login',
      '/api/applications',
      '/api/referrals/{id}/pdf',
      '/api/events',
    ]) {
      expect(paths).toContain(p);
    }
    const file = doc.body.paths['/api/applications'].post;
    expect(file.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['childId', 'languages', 'regionId', 'localityId']),
    );
    expect(doc.body.paths['/api/referrals/{id}/pdf'].get.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'id', in: 'path', required: true })]),
    );
    expect(doc.body.paths['/api/dev/sms/{phone}']).toBeUndefined();
  });

  it('describes every success body, and every reference resolves', async () => {
    const doc = (await api.call('GET', '/openapi.json')).body;
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(
      doc.paths as Record<
        string,
        Record<string, { operationId: string; responses: Record<string, { content?: unknown }> }>
      >,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        expect(ids.has(op.operationId), `${method} ${path}: duplicate operationId`).toBe(false);
        ids.add(op.operationId);
        const success = Object.entries(op.responses).find(([code]) => code.startsWith('2'))?.[1];
        expect(success?.content, `${method} ${path}: no success body`).toBeDefined();
      }
    }
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map(
      (m) => m[1],
    );
    expect(refs.length).toBeGreaterThan(10);
    for (const name of refs) expect(doc.components.schemas[name], name).toBeDefined();
  });
});
