import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * The longest stretches a Node process was busy without a break, read from a V8 CPU profile
 * (`node --cpu-prof`; the benches pass it with BENCH_SERVER_NODE_ARGS). While a stretch lasts the
 * event loop answers nothing — a health check waits it out — so these, not the total CPU, are what
 * a request's p99 meets. A stretch is a run of samples that are not `(idle)`; synchronous code,
 * microtasks chained one after another and garbage collection all count.
 *
 *   npx tsx test/bench/support/cpu-stalls.ts <file.cpuprofile> [minimum ms, 20] [stretches shown, 15]
 *     [from s] [to s]   (only stretches beginning in that window of the profile, e.g. while a backlog drained)
 *
 * For each stretch: when it began (seconds into the profile), how long it lasted, the functions that
 * spent the most of it themselves (self time), and the frames of our own code (sync-server/, src/,
 * or the server's bundle) it spent the most under (inclusive time): what the stretch was doing.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface Stretch {
  /** Milliseconds from the start of the profile. */
  startMs: number;
  durationMs: number;
  self: [string, number][];
  ours: [string, number][];
}

const OURS = /sync-server|\/src\/|dist\/server/;

export function busyStretches(profile: CpuProfile, minimumMs: number): Stretch[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (n: ProfileNode) => {
    const { functionName, url, lineNumber } = n.callFrame;
    const where = url ? ` ${basename(url)}:${lineNumber + 1}` : '';
    return `${functionName || '(anonymous)'}${where}`;
  };
  const idle = (id: number) => byId.get(id)?.callFrame.functionName === '(idle)';

  // Each sample's time: startTime plus the deltas so far (µs); a sample lasts until the next one.
  const at: number[] = [];
  let t = profile.startTime;
  for (const d of profile.timeDeltas) {
    t += d;
    at.push(t);
  }
  const stretches: Stretch[] = [];
  let i = 0;
  while (i < profile.samples.length) {
    if (idle(profile.samples[i])) {
      i++;
      continue;
    }
    const first = i;
    while (i < profile.samples.length && !idle(profile.samples[i])) i++;
    const end = i < at.length ? at[i] : profile.endTime;
    const durationMs = (end - at[first]) / 1000;
    if (durationMs < minimumMs) continue;
    const self = new Map<string, number>();
    const ours = new Map<string, number>();
    for (let s = first; s < i; s++) {
      const ms = ((s + 1 < at.length ? at[s + 1] : profile.endTime) - at[s]) / 1000;
      const leaf = byId.get(profile.samples[s]);
      if (!leaf) continue;
      self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
      const seen = new Set<string>();
      for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
        const node = byId.get(id);
        if (!node || !OURS.test(node.callFrame.url)) continue;
        const key = label(node);
        if (seen.has(key)) continue;
        seen.add(key);
        ours.set(key, (ours.get(key) ?? 0) + ms);
      }
    }
    const top = (m: Map<string, number>, n: number) =>
      [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
    stretches.push({
      startMs: (at[first] - profile.startTime) / 1000,
      durationMs,
      self: top(self, 6),
      ours: top(ours, 10),
    });
  }
  return stretches.sort((a, b) => b.durationMs - a.durationMs);
}

function main(): void {
  const [file, minimum = '20', shown = '15', from = '0', to = 'Infinity'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: cpu-stalls.ts <file.cpuprofile> [minimum ms] [stretches shown]');
    process.exit(1);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const all = busyStretches(profile, 1).filter(
    (s) => s.startMs >= Number(from) * 1000 && s.startMs < Number(to) * 1000,
  );
  const longer = (ms: number) => all.filter((s) => s.durationMs >= ms).length;
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  const busy = all.reduce((sum, s) => sum + s.durationMs, 0) / 1000;
  console.log(
    `${basename(file)}: ${seconds.toFixed(1)} s profiled (window ${from}–${to} s), ${busy.toFixed(1)} s busy in stretches ≥ 1 ms; ` +
      `stretches ≥ 20 ms: ${longer(20)}, ≥ 50 ms: ${longer(50)}, ≥ 100 ms: ${longer(100)}`,
  );
  for (const s of all.filter((x) => x.durationMs >= Number(minimum)).slice(0, Number(shown))) {
    console.log(`\n${s.durationMs.toFixed(1)} ms at ${(s.startMs / 1000).toFixed(2)} s`);
    console.log(`  self: ${s.self.map(([f, ms]) => `${f} ${ms.toFixed(1)}`).join(' | ')}`);
    for (const [f, ms] of s.ours) console.log(`  under ${ms.toFixed(1).padStart(7)} ms  ${f}`);
  }
}

if (process.argv[1] && import.meta.filename === process.argv[1]) main();
