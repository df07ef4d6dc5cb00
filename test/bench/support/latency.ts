/** Latencies of one kind of call, in milliseconds, with the percentiles a benchmark table prints. */
export class Latency {
  private readonly values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  get count(): number {
    return this.values.length;
  }

  /** The q-quantile (0…1), nearest rank; NaN when nothing was measured. */
  quantile(q: number): number {
    if (this.values.length === 0) return Number.NaN;
    const sorted = [...this.values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  }

  get p50(): number {
    return this.quantile(0.5);
  }

  get p99(): number {
    return this.quantile(0.99);
  }

  get max(): number {
    return this.values.length ? Math.max(...this.values) : Number.NaN;
  }

  /** "p50 12 / p99 340 / max 900 ms (n=1000)". */
  describe(withMax = false): string {
    const ms = (x: number) =>
      Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US');
    return `${ms(this.p50)} / ${ms(this.p99)}${withMax ? ` / ${ms(this.max)}` : ''} ms (n=${this.count})`;
  }
}

/** Calls `probe` every `everyMs` (one at a time: a stalled call delays the next) until stopped. */
export function probeEvery(
  everyMs: number,
  probe: () => Promise<unknown>,
): { latency: Latency; failures: () => number; stop: () => Promise<void> } {
  const latency = new Latency();
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      try {
        await probe();
      } catch {
        failures++;
      }
      const took = performance.now() - start;
      latency.add(took);
      if (running && took < everyMs) await new Promise((done) => setTimeout(done, everyMs - took));
    }
  })();
  return {
    latency,
    failures: () => failures,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
