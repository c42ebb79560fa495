// CPU time per process during a bench (Linux /proc), so a run says where the machine's CPU went:
// the worker(s), the PostgreSQL backends serving the bench database, redis-server, and the bench
// process itself (the SMTP sink lives there).
import { readFileSync } from "node:fs";

/** utime + stime of a process in seconds, or undefined once it is gone. */
export function cpuSecondsOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the command.
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/**
 * Samples the CPU time of a changing set of processes, grouped under labels. A process seen late
 * counts from its first sample (its earlier CPU time is left out); one that exits between samples
 * loses its last moments. Both are small next to a bench run.
 */
export function trackCpu(pidsByLabel: () => Promise<Map<number, string>>, everyMs = 250) {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const label = new Map<number, string>();
  let busy = false;
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      for (const [pid, l] of await pidsByLabel()) {
        const s = cpuSecondsOf(pid);
        if (s === undefined) continue;
        label.set(pid, l);
        if (!first.has(pid)) first.set(pid, s);
        last.set(pid, s);
      }
    } catch {
      // a look-up failed (e.g. the database went away at the end): next sample
    } finally {
      busy = false;
    }
  };
  void sample();
  const timer = setInterval(() => void sample(), everyMs);
  return {
    /** Stop, after one last sample; CPU seconds per label. */
    stop: async (): Promise<Map<string, number>> => {
      clearInterval(timer);
      while (busy) await new Promise((r) => setTimeout(r, 10));
      await sample();
      const out = new Map<string, number>();
      for (const [pid, s] of last) {
        const l = label.get(pid)!;
        out.set(l, (out.get(l) ?? 0) + s - first.get(pid)!);
      }
      return out;
    },
  };
}
