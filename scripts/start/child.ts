import type { ChildProcess } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";
import type { Tag } from "./output.ts";

/** Shutdown order: the app's processes first, then Redis, then PostgreSQL. */
export const StopOrder = { app: 0, redis: 1, postgres: 2 } as const;
type StopRank = (typeof StopOrder)[keyof typeof StopOrder];

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null; error?: Error };

export type ChildSpec = {
  tag: Tag;
  /** Names it in sentences: "The worker stopped unexpectedly". */
  what: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** "tagged" prefixes each output line with the tag; "inherit" hands over the terminal. */
  output?: "tagged" | "inherit";
  /** Open an IPC channel (the child also learns from it when the launcher dies). */
  ipc?: boolean;
  /** Who gets the polite SIGTERM: the child's whole process group (default) or the child alone. */
  stopTarget?: "group" | "leader";
  /** How long SIGTERM may take before SIGKILL. */
  graceMs: number;
  stopRank: StopRank;
  /** A task is meant to finish (the build); a service is meant to run until we stop it. */
  kind?: "service" | "task";
  /** Kill what escaped its process group, when it is killed or did not exit cleanly. */
  onKill?: () => void;
};

export function describeExit(info: ExitInfo): string {
  if (info.error) return info.error.message;
  if (info.signal) return `killed by ${info.signal}`;
  return `exit code ${info.code}`;
}

/**
 * A process we started. It runs in its own process group (`detached`), so Ctrl-C in the
 * terminal reaches only the launcher, which then stops everything in order.
 */
export class Child {
  readonly exited: Promise<ExitInfo>;
  /** Resolves when its output pipes have closed, i.e. all it wrote has been shown. */
  readonly outputDone: Promise<void>;
  /** Set once it answers; an exit before that is reported as "could not start". */
  ready = false;
  private exitInfo: ExitInfo | undefined;

  constructor(
    readonly spec: ChildSpec,
    readonly proc: ChildProcess,
  ) {
    this.outputDone = new Promise((resolve) => proc.once("close", () => resolve()));
    this.exited = new Promise((resolve) => {
      const settle = (info: ExitInfo) => {
        this.exitInfo ??= info;
        resolve(this.exitInfo);
      };
      proc.once("exit", (code, signal) => settle({ code, signal }));
      // Only a failed spawn (no pid) means the process will never exit on its own.
      proc.once("error", (error) => {
        if (proc.pid === undefined) settle({ code: null, signal: null, error });
      });
    });
  }

  get running(): boolean {
    return this.exitInfo === undefined && this.proc.pid !== undefined;
  }

  signal(signal: NodeJS.Signals, target: "group" | "leader"): void {
    const pid = this.proc.pid;
    if (pid === undefined) return;
    try {
      process.kill(target === "group" ? -pid : pid, signal);
    } catch {
      // Already gone.
    }
  }

  /** SIGTERM, then SIGKILL after the grace period. Resolves once it has exited. */
  async stop(): Promise<"stopped" | "killed"> {
    let outcome: "stopped" | "killed" = "stopped";
    if (this.running) {
      this.signal("SIGTERM", this.spec.stopTarget ?? "group");
      const timer = new AbortController();
      const inTime = await Promise.race([
        this.exited.then(() => true),
        delay(this.spec.graceMs, false, { signal: timer.signal }).catch(() => true),
      ]);
      timer.abort();
      if (!inTime) {
        outcome = "killed";
        this.kill();
      }
      await this.exited;
      // Let its last lines through, then kill anything it left behind in its group.
      await Promise.race([this.outputDone, delay(1_000)]);
      this.signal("SIGKILL", "group");
    }
    if (this.exitInfo?.code !== 0) this.spec.onKill?.();
    return outcome;
  }

  /** SIGKILL its whole process group at once, plus whatever `onKill` knows about. */
  kill(): void {
    this.signal("SIGKILL", "group");
    this.spec.onKill?.();
  }
}
