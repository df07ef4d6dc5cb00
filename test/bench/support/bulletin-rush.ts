import { Latency } from './latency';
import type { Responder } from './demo-workload';

/**
 * The morning a district publishes its bulletins (issue 12, benchmark a): each simulated parent, as
 * the parent web view does, lists the bulletins, checks which of their applications may respond
 * (`GET /api/bulletins/:id/eligibility`, what the bulletin page calls) and responds. At most
 * `concurrency` parents at once, spread round-robin over the server processes; no new parent starts
 * after `capMs`, and calls still open then are cut off (counted as `cut`).
 */
export type CallKind = 'list' | 'eligibility' | 'respond';
export const CALL_KINDS: CallKind[] = ['list', 'eligibility', 'respond'];

export interface CallCounts {
  ok: number;
  /** 409 with a domain code (e.g. `cannotRespond` for a bulletin whose priority window excludes the parent). */
  domain409: number;
  other4xx: number;
  server5xx: number;
  /** Connection failures. */
  failed: number;
  /** Still open when the time cap struck. */
  cut: number;
  /** Codes of the 4xx/5xx answers, with counts. */
  codes: Map<string, number>;
}

export interface RushResult {
  parents: number;
  processes: number;
  /** Parents who completed all three calls (whatever the answers). */
  completed: number;
  latency: Record<CallKind, Latency>;
  counts: Record<CallKind, CallCounts>;
  /** Responses answered 201 (applied by the server before it answered). */
  applied: number;
  /** Seconds from the first call to the last applied response, or the cap when not all finished. */
  seconds: number;
  /** Whether every parent finished before the cap. */
  finished: boolean;
}

const emptyCounts = (): CallCounts => ({
  ok: 0,
  domain409: 0,
  other4xx: 0,
  server5xx: 0,
  failed: 0,
  cut: 0,
  codes: new Map(),
});

export async function bulletinRush(options: {
  urls: string[];
  responders: Responder[];
  tokens: Map<string, string>;
  concurrency: number;
  capMs: number;
  /** Only respond (a burst of writes), skipping the two reads. */
  respondOnly?: boolean;
}): Promise<RushResult> {
  const { urls, responders, tokens } = options;
  const latency = { list: new Latency(), eligibility: new Latency(), respond: new Latency() };
  const counts = { list: emptyCounts(), eligibility: emptyCounts(), respond: emptyCounts() };
  const cap = new AbortController();
  const start = performance.now();
  const open = new Set<AbortController>();
  const timer = setTimeout(() => {
    cap.abort();
    for (const controller of open) controller.abort();
  }, options.capMs);
  let lastApplied = start;
  let applied = 0;
  let completed = 0;
  let next = 0;

  /** One call; true when it answered 2xx. */
  const call = async (
    kind: CallKind,
    url: string,
    token: string,
    init: RequestInit = {},
  ): Promise<boolean> => {
    const t0 = performance.now();
    const c = counts[kind];
    // A controller per call, aborted by the cap (fetch would leave a listener per call on one shared signal).
    const own = new AbortController();
    open.add(own);
    try {
      const res = await fetch(url, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          'accept-language': 'ru',
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
        signal: own.signal,
      });
      const text = await res.text();
      latency[kind].add(performance.now() - t0);
      if (res.ok) {
        c.ok++;
        return true;
      }
      let code = '?';
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? '?';
      } catch {}
      const key = `${res.status} ${code}`;
      c.codes.set(key, (c.codes.get(key) ?? 0) + 1);
      if (res.status === 409 && code !== 'serverError') c.domain409++;
      else if (res.status >= 500) c.server5xx++;
      else c.other4xx++;
      return false;
    } catch {
      if (cap.signal.aborted) c.cut++;
      else c.failed++;
      return false;
    } finally {
      open.delete(own);
    }
  };

  const worker = async () => {
    while (!cap.signal.aborted) {
      const i = next++;
      if (i >= responders.length) return;
      const r = responders[i];
      const base = `${urls[i % urls.length]}/api`;
      const token = tokens.get(r.parentId);
      if (!token) throw new Error(`no session for ${r.parentId}`);
      if (!options.respondOnly) {
        await call('list', `${base}/bulletins`, token);
        if (cap.signal.aborted) return;
        await call('eligibility', `${base}/bulletins/${r.bulletinId}/eligibility`, token);
        if (cap.signal.aborted) return;
      }
      const ok = await call('respond', `${base}/bulletins/${r.bulletinId}/responses`, token, {
        method: 'POST',
        body: JSON.stringify({ applicationId: r.applicationId }),
      });
      if (cap.signal.aborted) return;
      completed++;
      if (ok) {
        applied++;
        lastApplied = performance.now();
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  clearTimeout(timer);
  const finished = completed === responders.length;
  return {
    parents: responders.length,
    processes: urls.length,
    completed,
    latency,
    counts,
    applied,
    seconds: finished ? (lastApplied - start) / 1000 : options.capMs / 1000,
    finished,
  };
}
