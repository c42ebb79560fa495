import { type ChildProcess, type IOType, spawn } from "node:child_process";
import { setTimeout as delay } from "node:timers/promises";
import { Child, type ChildSpec, describeExit, type ExitInfo, StopOrder } from "./child.ts";
import type { Output } from "./output.ts";
import { ShuttingDown } from "./start-error.ts";

/**
 * Starts children, notices when one stops on its own, and stops them all in order.
 * `finished` resolves with the launcher's exit code once everything has stopped.
 */
export class Supervisor {
  readonly finished: Promise<number>;
  private readonly children: Child[] = [];
  private readonly controller = new AbortController();
  private stopping: Promise<void> | undefined;
  private resolveFinished: (code: number) => void = () => {};

  constructor(
    private readonly out: Output,
    private readonly dataDirLabel: string,
  ) {
    this.finished = new Promise((resolve) => {
      this.resolveFinished = resolve;
    });
  }

  /** Aborted when shutdown begins: long startup waits listen to it. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  start(spec: ChildSpec): Child {
    this.signal.throwIfAborted();
    const inherit = spec.output === "inherit";
    const stdio: Array<IOType | "ipc"> = inherit
      ? ["ignore", "inherit", "inherit"]
      : ["ignore", "pipe", "pipe"];
    const proc: ChildProcess = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      detached: true,
      stdio: spec.ipc ? [...stdio, "ipc"] : stdio,
    });
    if (proc.stdout) this.out.pipe(spec.tag, proc.stdout, "out");
    if (proc.stderr) this.out.pipe(spec.tag, proc.stderr, "err");
    const child = new Child(spec, proc);
    this.children.push(child);
    if (spec.kind !== "task") void child.exited.then((info) => this.onServiceExit(child, info));
    return child;
  }

  /** Stop everything in order; `code` becomes the launcher's exit code. Safe to call again. */
  shutdown(code: number): Promise<number> {
    if (!this.stopping) {
      this.controller.abort(new ShuttingDown("shutting down"));
      this.stopping = this.stopAll().then(() => this.resolveFinished(code));
    }
    return this.finished;
  }

  /** Immediate SIGKILL to every process group still running (second Ctrl-C, or a crash). */
  killAll(): void {
    for (const child of this.children) if (child.running) child.kill();
  }

  private async onServiceExit(child: Child, info: ExitInfo): Promise<void> {
    if (this.isStopping) return;
    // Show its last words (often a stack trace) before saying it stopped.
    await Promise.race([child.outputDone, delay(1_000)]);
    if (this.isStopping) return;
    const what = child.spec.what;
    const sentence = child.ready
      ? `The ${what} stopped unexpectedly (${describeExit(info)}), so Tend is stopping everything.`
      : `The ${what} could not start (${describeExit(info)}); see its lines above. Stopping everything.`;
    this.out.problem(sentence);
    void this.shutdown(1);
  }

  private async stopAll(): Promise<void> {
    for (const rank of Object.values(StopOrder)) {
      const group = this.children.filter((c) => c.spec.stopRank === rank);
      const running = group.filter((c) => c.running);
      if (running.length > 0)
        this.out.say(`Stopping ${running.map((c) => c.spec.what).join(", ")}…`);
      await Promise.all(
        group.map(async (child) => {
          if ((await child.stop()) === "killed") {
            this.out.say(
              `The ${child.spec.what} did not stop within ${child.spec.graceMs / 1000} s: killed it.`,
            );
          }
        }),
      );
    }
    if (this.children.length > 0) {
      this.out.say(`Everything has stopped. Your data stays in ${this.dataDirLabel}/`);
    }
  }
}

/** Resolve when `promise` does, or reject as soon as shutdown begins. */
export function unlessStopping<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
