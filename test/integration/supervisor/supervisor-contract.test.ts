import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { supervisorResponses } from '../../../src/contract';
import { seedSmallDistrict, startTestServer, type TestServer } from '../server/harness';
import { activateOutOfOrder, supervisorClient, supervisorsOf } from './supervisor-client';

// Issue 15, item 2: the supervisor routes are in the API's one route table, so /api/openapi.json
// documents them next to the parents' routes, and what they answer is the contract in src/contract
// the supervisor pages read.

/** Every supervisor route the pages call (renderer/supervisor/src/api.ts and live.ts). */
const SUPERVISOR_ROUTES = [
  'get /api/supervisor/me',
  'get /api/supervisor/dashboard',
  'get /api/supervisor/bulletins',
  'get /api/supervisor/bulletins/{id}',
  'get /api/supervisor/out-of-order',
  'get /api/supervisor/decisions/{entityId}',
  'get /api/supervisor/audit',
  'get /api/supervisor/audit/verify',
  'get /api/supervisor/audit/actors',
  'get /api/supervisor/priority',
  'post /api/supervisor/priority/{applicationId}',
  'get /api/supervisor/kindergartens',
  'post /api/supervisor/kindergartens',
  'patch /api/supervisor/kindergartens/{id}',
  'post /api/supervisor/kindergartens/{id}/close',
  'post /api/supervisor/kindergartens/{id}/reopen',
  'get /api/supervisor/groups',
  'post /api/supervisor/groups',
  'patch /api/supervisor/groups/{id}',
  'post /api/supervisor/groups/{id}/close',
  'post /api/supervisor/groups/{id}/reopen',
  'get /api/supervisor/staff',
  'post /api/supervisor/staff',
  'patch /api/supervisor/staff/{id}',
  'post /api/supervisor/staff/{id}/reset-password',
  'post /api/supervisor/staff/{id}/disable',
  'post /api/supervisor/staff/{id}/enable',
  'post /api/supervisor/iin-disputes/{iin}/release',
  'get /api/supervisor/calendar',
  'put /api/supervisor/calendar',
  'get /api/supervisor/settings',
  'put /api/supervisor/settings',
  'get /api/supervisor/export/{file}',
  'get /api/supervisor/live',
];

interface Operation {
  operationId: string;
  tags: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: { properties?: object } }> }>;
}

describe('the supervisor routes in the one HTTP contract', () => {
  let t: TestServer;
  let own: ReturnType<typeof supervisorClient>;
  let openApi: { paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    t = await startTestServer();
    await seedSmallDistrict(t.runtime);
    own = supervisorClient(t.server.url, (await supervisorsOf(t.runtime)).own.token);
    await activateOutOfOrder(t.runtime, 'Первый по очереди не отвечает на звонки, родители в отъезде');
    openApi = await (await fetch(`${t.server.url}/api/openapi.json`)).json();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('lists every supervisor route in /api/openapi.json, beside the parents’ routes, none of them public', () => {
    const listed = Object.entries(openApi.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method} ${path}`),
    );
    expect(listed.filter((op) => op.includes('/api/supervisor/')).sort()).toEqual(
      [...SUPERVISOR_ROUTES].sort(),
    );
    expect(listed).toContain('post /api/applications');
    for (const route of SUPERVISOR_ROUTES) {
      const [method, path] = route.split(' ') as [string, string];
      const op = openApi.paths[path]![method]!;
      expect(op.tags, route).toEqual(['supervisor']);
      expect(op.security, route).toBeUndefined();
      const success = Object.entries(op.responses).find(([code]) => code.startsWith('2'))?.[1];
      expect(success?.content, `${route}: no success body`).toBeDefined();
    }
    // An answer's fields are in the document, from the contract's zod schema.
    const dashboard = openApi.paths['/api/supervisor/dashboard']!.get!.responses['200']!;
    expect(Object.keys(dashboard.content!['application/json']!.schema!.properties!)).toEqual(
      expect.arrayContaining(['asOf', 'period', 'totals', 'queueByLocality', 'expiringReferrals']),
    );
  });

  it('answers each read as its contract schema says', async () => {
    const reads: [string, z.ZodType][] = [
      ['/me', supervisorResponses.supervisorMe],
      ['/dashboard', supervisorResponses.supervisorDashboard],
      ['/bulletins', supervisorResponses.supervisorBulletins],
      ['/bulletins/bul-a', supervisorResponses.supervisorBulletin],
      ['/out-of-order', supervisorResponses.supervisorOutOfOrder],
      ['/decisions/bul-a', supervisorResponses.supervisorDecision],
      ['/audit', supervisorResponses.supervisorAudit],
      ['/audit/verify', supervisorResponses.supervisorAuditVerify],
      ['/audit/actors', supervisorResponses.supervisorAuditActors],
      ['/priority?status=all', supervisorResponses.supervisorPriorityClaims],
      ['/kindergartens', supervisorResponses.supervisorKindergartens],
      ['/groups', supervisorResponses.supervisorGroups],
      ['/staff', supervisorResponses.supervisorStaff],
      ['/calendar?year=2026', supervisorResponses.workingCalendar],
      ['/settings', supervisorResponses.regionSettings],
    ];
    for (const [path, schema] of reads) {
      const reply = await own('GET', path);
      expect(reply.status, path).toBe(200);
      const parsed = schema.safeParse(reply.body);
      expect(parsed.success ? [] : parsed.error.issues, path).toEqual([]);
      expect(reply.headers.get('cache-control'), path).toBe('no-store');
    }
    const out = await own('GET', '/out-of-order');
    expect(out.body.allocations.length).toBeGreaterThan(0);
  });

  it('answers its refusals in the one envelope, in the supervisor pages’ words', async () => {
    const anonymous = await fetch(`${t.server.url}/api/supervisor/dashboard`, {
      headers: { 'accept-language': 'en' },
    });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      error: { code: 'notSignedIn', message: 'Please sign in as a district supervisor.' },
    });
    const invalid = await own('PUT', '/settings', { priorityWindowWorkingDays: 0, stopListUnit: 'weeks' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({
      code: 'invalidInput',
      params: { fields: ['priorityWindowWorkingDays', 'stopListUnit', 'interestConfirmationDays'] },
    });
    const unknown = await own('GET', '/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('notFound');
  });
});
