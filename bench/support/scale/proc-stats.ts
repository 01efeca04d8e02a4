import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** User plus system CPU seconds a process has used so far (Linux /proc). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Resident set size in KiB. */
export function rssKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}

/** CPU use of several processes over a window, as a share of one core (1.0 = one core busy). */
export class CpuWindow {
  private readonly start: Map<number, number>;
  private readonly startedAt = performance.now();

  constructor(private readonly pids: readonly number[]) {
    this.start = new Map(pids.map((pid) => [pid, cpuSeconds(pid)]));
  }

  /** Cores used by each process, in the order given. */
  cores(): number[] {
    const seconds = (performance.now() - this.startedAt) / 1000;
    return this.pids.map((pid) => (cpuSeconds(pid) - (this.start.get(pid) ?? 0)) / seconds);
  }
}
