// Issue 6, performance: "the ranking of 500 responders recomputed under 50 ms". Measures what the
// staff workspace recomputes when a bulletin's responders change: the responders screen's ranking
// with a reason for each position (explainRank), and the activation check the workstation runs before
// saving an action (applyAction over the replica: the same reducer the server runs, which ranks the
// bulletin's active responders itself), both over 500 responders of one bulletin among ~5,000
// documents. Prints the median and the 95th percentile; exits non-zero above the budget.
import { performance } from 'node:perf_hooks';
import { computeOverlay, tryAction } from '../../renderer/staff/workspace/overlay';
import { explainRank, makeIin } from '../../src/domain';
import type { Action, Application, Response } from '../../src/schema';
import { replicaDocs } from '../unit/staff/staff-scenario-docs';

const BUDGET_MS = 50;
const RESPONDERS = 500;
const OTHER = 4_500;
const RUNS = 200;

function responders(count: number, bulletinId: string, prefix: string) {
  const apps: Application[] = [];
  const responses: Response[] = [];
  let serial = 0;
  for (let i = 0; i < count; i++) {
    let iin: string | null = null;
    while (!iin)
      iin = makeIin({
        birthDate: `2021-0${1 + (i % 9)}-1${i % 10}`,
        sex: i % 2 ? 'male' : 'female',
        serial: serial++ % 10000,
      });
    const priority = i % 23 === 0 ? 'extraordinary' : i % 5 === 0 ? 'primary' : 'none';
    // Some share a filing time to the second: the IIN decides (docs/domain.md, Queue order 3).
    const filedAt = new Date(
      Date.UTC(2023, 0, 1) + ((i * 7919) % 600) * 86_400_000 + (i % 3) * 1000,
    ).toISOString();
    const id = `${prefix}-a-${i}`;
    const app = {
      id,
      childId: `child-${id}`,
      childIin: iin,
      childName: `РЕБЕНОК ${i}`,
      parentId: `parent-${id}`,
      birthYear: 2021,
      filedAt,
      groupType: 'ordinary',
      languages: ['kk'],
      regionId: 'turkestan',
      localityId: 'arys',
      priority,
      claimedPriority: priority,
      status: 'responded',
      updatedAt: 1,
    } satisfies Application;
    apps.push(app);
    responses.push({
      id: `${prefix}-r-${i}`,
      applicationId: id,
      bulletinId,
      kindergartenId: 'kg-balapan',
      childIin: iin,
      childName: app.childName,
      birthYear: 2021,
      filedAt,
      priority,
      respondedAt: '2026-03-17T09:00:00+05:00',
      status: 'active',
      updatedAt: 1,
    });
  }
  return { apps, responses };
}

const docs = replicaDocs();
const main = responders(RESPONDERS, 'b-1', 'main');
const other = responders(OTHER / 2, 'b-other', 'other');
for (const a of [...main.apps, ...other.apps]) docs.applications[a.id] = a;
for (const r of [...main.responses, ...other.responses]) docs.responses[r.id] = r;
docs.bulletins['b-1'] = { ...docs.bulletins['b-1']!, freePlaces: 20, totalPlaces: 20 };
const now = '2026-03-19T10:45:00+05:00';

function measure(name: string, run: () => unknown): number {
  for (let i = 0; i < 20; i++) run(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)]!;
  const p95 = times[Math.floor(RUNS * 0.95)]!;
  console.log(
    `${name}: median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (${RUNS} runs) — budget ${BUDGET_MS} ms`,
  );
  return p95;
}

const ranking = measure(`ranking with reasons, ${RESPONDERS} responders (responders screen)`, () => {
  const active = Object.values(docs.responses).filter((r) => r.bulletinId === 'b-1' && r.status === 'active');
  return explainRank(active);
});
const workspace = computeOverlay(docs, now);
const top = explainRank(main.responses)[0]!.id;
const check = measure(
  `activation check over the replica (${RESPONDERS + OTHER} + documents, applyAction)`,
  () => {
    const action: Action = {
      id: 'act-bench',
      kind: 'response.activate',
      payload: { responseId: top },
      actor: 'user:balapan-a',
      actorRole: 'staff',
      kindergartenId: 'kg-balapan',
      deviceId: 'dev-1',
      occurredAt: '2026-03-19T10:44:00+05:00',
      status: 'pending',
      updatedAt: 1,
    };
    const refusal = tryAction(workspace, action, now);
    if (refusal) throw new Error(`activation refused: ${refusal.code}`);
  },
);
process.exit(Math.max(ranking, check) > BUDGET_MS ? 1 : 0);
