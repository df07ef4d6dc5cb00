import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CPU quotas for a benchmark's server processes, so that a scale-out ratio says whether the design
 * scales rather than how many cores the machine has left (issue 12, target 2): each server process runs
 * in a cgroup of its own limited to the same share of a core (`cpu.cfs_quota_us` over
 * `cpu.cfs_period_us` on cgroup v1, `cpu.max` on v2). One process is then bound by its own quota, and
 * 1, 2 and 3 processes get 1×, 2× and 3× the CPU: their throughput ratios show serialisation or an
 * overhead growing with the number of processes, on 2 cores as on 64.
 *
 * Everything else of the benchmark — this process, PostgreSQL, nginx, and whatever they spawn — goes
 * into an unrestricted sibling group, and the parent group of both gets a large `cpu.shares` (v1) or
 * `cpu.weight` (v2), so other work on a shared machine does not take the quota'd processes' CPU away
 * (what it can take is bounded: N × the quota plus what the database needs). The groups are removed at
 * the end, also when the benchmark exits early.
 */

const V1 = '/sys/fs/cgroup/cpu';
const V2 = '/sys/fs/cgroup';
/**
 * The quota's accounting period. A process that used up its quota waits for the next period, possibly
 * holding a lock others wait for (the processor's locality locks, the audit chain's); a short period
 * keeps such waits to a few milliseconds, as a busy core's time slices would, instead of the 70 ms a
 * 0.3-core quota of the default 100 ms period would impose.
 */
const PERIOD_US = 10_000;

export interface Throttling {
  /** Scheduler periods in which the group ran. */
  periods: number;
  /** Periods in which it used up its quota and had to wait. */
  throttled: number;
  /** Time it spent waiting for its next period, seconds. */
  throttledSeconds: number;
}

export interface QuotaGroup {
  readonly name: string;
  /** Moves a running process (all its threads; threads it makes later stay) into the group. */
  place(pid: number): void;
  /** Throttling counters so far (cumulative; subtract two readings for a span). */
  throttling(): Throttling;
}

type Flavour = 'v1' | 'v2';

export class CpuQuotas {
  private readonly groups: string[] = [];
  private removed = false;

  private constructor(
    private readonly flavour: Flavour,
    private readonly root: string,
    /** Cores each quota group may use. */
    readonly cores: number,
  ) {}

  /**
   * Creates the benchmark's parent group and moves this process into its unrestricted part (start
   * PostgreSQL and nginx after this, so they land there too). Answers the reason instead when cgroups
   * cannot be written here (not root, a read-only /sys/fs/cgroup, no cpu controller).
   */
  static open(cores: number, shares: number): CpuQuotas | string {
    if (!(cores > 0)) return 'no quota asked for (BENCH_CPU_QUOTA=0)';
    const flavour: Flavour | undefined = existsSync(join(V1, 'cpu.cfs_quota_us'))
      ? 'v1'
      : existsSync(join(V2, 'cgroup.controllers')) &&
          readFileSync(join(V2, 'cgroup.controllers'), 'utf8').split(/\s+/).includes('cpu')
        ? 'v2'
        : undefined;
    if (!flavour) return 'no cgroup cpu controller found (neither /sys/fs/cgroup/cpu nor cgroup v2 with cpu)';
    const root = join(flavour === 'v1' ? V1 : V2, `oryn-bench-${process.pid}`);
    try {
      mkdirSync(root);
    } catch (error) {
      return `cannot create a cgroup under ${flavour === 'v1' ? V1 : V2}: ${(error as Error).message}`;
    }
    const quotas = new CpuQuotas(flavour, root, cores);
    try {
      if (flavour === 'v1') writeFileSync(join(root, 'cpu.shares'), String(shares));
      else {
        // v2: a group's controllers must be enabled in its parent for its children to have cpu.max.
        writeFileSync(join(root, 'cgroup.subtree_control'), '+cpu');
        writeFileSync(
          join(root, 'cpu.weight'),
          String(Math.min(10_000, Math.max(1, Math.round(shares / 10.24)))),
        );
      }
      const rest = quotas.group('rest', undefined);
      rest.place(process.pid);
    } catch (error) {
      quotas.remove();
      return `cannot configure the cgroups under ${root}: ${(error as Error).message}`;
    }
    process.once('exit', () => quotas.remove());
    return quotas;
  }

  /** A group of its own limited to `cores` (this instance's quota unless given), e.g. for one server. */
  quota(name: string): QuotaGroup {
    return this.group(name, this.cores);
  }

  private group(name: string, cores: number | undefined): QuotaGroup {
    const dir = join(this.root, name);
    mkdirSync(dir);
    this.groups.push(dir);
    if (cores !== undefined) {
      const quota = String(Math.max(1_000, Math.round(cores * PERIOD_US)));
      if (this.flavour === 'v1') {
        writeFileSync(join(dir, 'cpu.cfs_period_us'), String(PERIOD_US));
        writeFileSync(join(dir, 'cpu.cfs_quota_us'), quota);
      } else writeFileSync(join(dir, 'cpu.max'), `${quota} ${PERIOD_US}`);
    }
    const flavour = this.flavour;
    return {
      name,
      place: (pid) => writeFileSync(join(dir, 'cgroup.procs'), String(pid)),
      throttling: () => {
        const stat = new Map(
          readFileSync(join(dir, 'cpu.stat'), 'utf8')
            .trim()
            .split('\n')
            .map((line) => line.split(' ') as [string, string])
            .map(([k, v]) => [k, Number(v)] as const),
        );
        return {
          periods: stat.get('nr_periods') ?? 0,
          throttled: stat.get('nr_throttled') ?? 0,
          throttledSeconds:
            flavour === 'v1'
              ? (stat.get('throttled_time') ?? 0) / 1e9
              : (stat.get('throttled_usec') ?? 0) / 1e6,
        };
      },
    };
  }

  /** Empties and removes one group (its processes back to the parent); for a group whose servers stopped. */
  release(group: QuotaGroup): void {
    const dir = join(this.root, group.name);
    this.empty(dir, this.root);
    try {
      rmdirSync(dir);
      this.groups.splice(this.groups.indexOf(dir), 1);
    } catch {}
  }

  /** Moves every process left in the groups back to the machine's root group and removes the groups. */
  remove(): void {
    if (this.removed) return;
    this.removed = true;
    const top = this.flavour === 'v1' ? V1 : V2;
    for (const dir of [...this.groups].reverse()) {
      this.empty(dir, top);
      try {
        rmdirSync(dir);
      } catch {}
    }
    this.empty(this.root, top);
    try {
      rmdirSync(this.root);
    } catch {}
  }

  private empty(dir: string, to: string): void {
    let pids: string[] = [];
    try {
      pids = readFileSync(join(dir, 'cgroup.procs'), 'utf8').trim().split('\n').filter(Boolean);
    } catch {
      return;
    }
    for (const pid of pids) {
      try {
        writeFileSync(join(to, 'cgroup.procs'), pid);
      } catch {}
    }
  }
}

/** The difference of two throttling readings. */
export function throttlingBetween(before: Throttling, after: Throttling): Throttling {
  return {
    periods: after.periods - before.periods,
    throttled: after.throttled - before.throttled,
    throttledSeconds: after.throttledSeconds - before.throttledSeconds,
  };
}
