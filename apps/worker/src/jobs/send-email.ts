import {
  type Db,
  type EmailOutcomeRecord,
  type FieldCipher,
  findEmails,
  type OutboxRow,
  recordEmailOutcomes,
} from "@tend/db";
import { z } from "zod";
import { type Prepared, prepareEmails } from "../email/prepare.ts";
import { EmailDataError, type RenderedEmail, renderEmail } from "../email/render.ts";
import type { Mailer } from "../email/transport.ts";
import type { Logger } from "../logger.ts";

/**
 * What sits in Redis for one email: the outbox row's id and which claim of it the job belongs
 * to (its `attempts` when claimed), nothing personal. A job left over from an earlier claim (its
 * worker died, Redis kept it) finds the row claimed again and does nothing.
 */
export const sendEmailJobData = z.object({
  outboxId: z.uuid(),
  attempt: z.number().int().min(1),
});
export type SendEmailJobData = z.infer<typeof sendEmailJobData>;

/** Most claims in one send job (the dispatcher's batches are far smaller). */
export const MAX_BATCH = 1_000;

/** What sits in Redis for one batch of emails: the claims, ids only, nothing personal. */
export const sendBatchJobData = z.object({
  claims: z.array(sendEmailJobData).min(1).max(MAX_BATCH),
});
export type SendBatchJobData = z.infer<typeof sendBatchJobData>;

export type RetryPolicy = {
  /** Delay after the first temporary problem; it doubles with every attempt. */
  baseMs: number;
  /** The doubling stops here. */
  maxMs: number;
  /** ±fraction of randomness, so a recovering SMTP server is not hit by every retry at once. */
  jitter: number;
  /** Claims of one row before it is given up (a claim counts even if the worker died mid-way). */
  maxAttempts: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseMs: 30_000,
  maxMs: 60 * 60_000,
  jitter: 0.2,
  maxAttempts: 10,
};

/** 30 s, 1 min, 2 min, … capped at 1 h, each ±20 %: ≈ 3 h from the first try to the tenth. */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (1 + policy.jitter * (2 * random() - 1)));
}

export type SendFailure = { kind: "retry" | "fail"; reason: string };

type SmtpError = {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
};

/**
 * Temporary or permanent? RFC 5321: 4yz replies are temporary, 5yz permanent (503 is a
 * session-state complaint, so a new connection may do better). No reply at all (refused,
 * reset, timed out, DNS, TLS) means the server was not reachable: temporary.
 */
export function classifySendError(err: unknown): SendFailure {
  const e = (typeof err === "object" && err !== null ? err : {}) as SmtpError;
  // SMTP replies often quote the recipient; the row already holds it, logs must not.
  const detail = (e.response ?? e.message ?? String(err))
    .replace(/[^\s<>@"]+@[^\s<>@"]+/g, "[address]")
    .replace(/\s+/g, " ")
    .trim();
  if (typeof e.responseCode === "number") {
    const permanent = e.responseCode >= 500 && e.responseCode < 600 && e.responseCode !== 503;
    return { kind: permanent ? "fail" : "retry", reason: `SMTP ${e.responseCode}: ${detail}` };
  }
  // An envelope nodemailer refuses before talking to a server (no usable recipient) will not improve.
  if (e.code === "EENVELOPE") return { kind: "fail", reason: `${e.code}: ${detail}` };
  return { kind: "retry", reason: `${e.code ?? "error"}: ${detail}` };
}

export type SendEmailDeps = {
  db: Db;
  mailer: Mailer;
  /** Sends at once, shared by the batches in hand (default: the mailer's connections, per batch). */
  slots?: SendSlots;
  log: Logger;
  /** Decrypts the words a weekly summary quotes (they are never in the outbox). */
  cipher: FieldCipher;
  retry: RetryPolicy;
  /**
   * Begin a send only while the claim's lease has at least this long to run. A send is bounded
   * by the SMTP timeouts, so it ends before the lease does and no second claim of the row can
   * overlap it (which matters when Redis lost the job and the jobId no longer dedupes). Checked
   * just before each email of a batch is handed to SMTP, not when the batch starts.
   */
  minLeaseLeftMs: number;
  now?: () => Date;
  /** Counts outcomes by template for /metrics. */
  metrics?: { emailOutcome: (template: string, outcome: SendOutcome) => void };
};

export type SendOutcome = "sent" | "retry" | "failed" | "skipped" | "cancelled";

/**
 * Deliver one outbox row: load → decide → act → record.
 * Idempotent under retry: it acts only on a row still held by this job's claim ('sending', with
 * the same attempt number); once the row is recorded as sent, failed, cancelled or queued again,
 * or claimed anew, a repeated or left-over job does nothing.
 */
export async function sendOutboxEmail(
  deps: SendEmailDeps,
  job: SendEmailJobData,
): Promise<SendOutcome> {
  return (await sendOutboxBatch(deps, [job]))[0]!;
}

/**
 * Deliver a batch of claimed outbox rows, each exactly as `sendOutboxEmail` would, with a fixed
 * number of queries per batch: one to load the rows, one or two to check preferences (and load
 * the words a summary quotes), and one per group commit to record outcomes. Sends run side by
 * side, as many as the SMTP pool has connections. Each row's outcome is its own: one recipient's
 * refusal (a 5xx) or a temporary problem (a 4xx) is recorded for that row only.
 * Returns the outcomes in the order of `claims`.
 */
export async function sendOutboxBatch(
  deps: SendEmailDeps,
  claims: SendEmailJobData[],
): Promise<SendOutcome[]> {
  const { db, log } = deps;
  const now = deps.now ?? (() => new Date());
  const outcomes: SendOutcome[] = claims.map(() => "skipped");
  const templates: Array<string | undefined> = claims.map(() => undefined);
  const recorder = createOutcomeRecorder(deps);

  // Load.
  const rows = new Map(
    (
      await findEmails(
        db,
        claims.map((c) => c.outboxId),
      )
    ).map((r) => [r.id, r]),
  );

  // Decide.
  const startedAt = now();
  const ready: Array<{ i: number; row: OutboxRow }> = [];
  claims.forEach(({ outboxId, attempt }, i) => {
    const row = rows.get(outboxId);
    if (row?.status !== "sending") {
      log.debug({ outboxId, status: row?.status }, "email not claimed for sending; nothing to do");
      return;
    }
    if (row.attempts !== attempt) {
      log.debug(
        { outboxId, attempt, claim: row.attempts },
        "job of an earlier claim; nothing to do",
      );
      return;
    }
    templates[i] = row.template;
    if (leaseLeftMs(row, startedAt) < deps.minLeaseLeftMs) {
      log.warn(
        { outboxId, leaseLeftMs: leaseLeftMs(row, startedAt) },
        "claim too close to its end; leaving the email for a new claim",
      );
      return;
    }
    if (row.attempts > deps.retry.maxAttempts) {
      recorder.add({
        id: row.id,
        status: "failed",
        error: `gave up after ${deps.retry.maxAttempts} attempts`,
      });
      log.error({ outboxId, template: row.template }, "email given up: too many attempts");
      outcomes[i] = "failed";
      return;
    }
    ready.push({ i, row });
  });

  let prepared: Prepared[] | undefined;
  let prepareError: unknown;
  try {
    prepared = await prepareEmails(
      deps,
      ready.map((r) => r.row),
    );
  } catch (err) {
    prepareError = err;
  }

  // Render and act: as many at once as the pool has connections.
  const slots = deps.slots ?? createSendSlots(deps.mailer.connections);
  await Promise.all(
    ready.map(async ({ i, row }, k) => {
      if (!prepared) {
        outcomes[i] = retryLater(
          deps,
          recorder,
          row,
          `preparing: ${(prepareError as Error)?.message ?? String(prepareError)}`,
          now(),
        );
        return;
      }
      const p = prepared[k]!;
      if (p.kind === "cancel") {
        recorder.add({ id: row.id, status: "cancelled", error: p.reason });
        log.info(
          { outboxId: row.id, template: row.template, reason: p.reason },
          "email not wanted",
        );
        outcomes[i] = "cancelled";
        return;
      }
      // Rendered only once a connection is free: an email waits as its outbox row (small), not
      // as its rendered parts, and what was rendered is garbage moments later.
      const data = p.data;
      outcomes[i] = await slots.run(async () => {
        let message: RenderedEmail;
        try {
          message = await renderEmail(row.template, data);
        } catch (err) {
          if (err instanceof EmailDataError) {
            recorder.add({ id: row.id, status: "failed", error: err.message });
            log.error(
              { outboxId: row.id, template: row.template, err: err.message },
              "email cannot be rendered",
            );
            return "failed";
          }
          return retryLater(
            deps,
            recorder,
            row,
            `preparing: ${(err as Error).message ?? String(err)}`,
            now(),
          );
        }
        return act(deps, recorder, row, message, now);
      });
    }),
  );

  // Record what is left. If recording fails for good, the job fails and the rows it could not
  // record are claimed again when their lease ends (and sent again, same Message-ID).
  await recorder.close();
  for (const [i, outcome] of outcomes.entries()) {
    const template = templates[i];
    if (template !== undefined) deps.metrics?.emailOutcome(template, outcome);
  }
  return outcomes;
}

function leaseLeftMs(row: OutboxRow, at: Date): number {
  return (row.locked_until?.getTime() ?? 0) - at.getTime();
}

async function act(
  deps: SendEmailDeps,
  recorder: OutcomeRecorder,
  row: OutboxRow,
  message: RenderedEmail,
  now: () => Date,
): Promise<SendOutcome> {
  const { log } = deps;
  // Waiting for a free connection took time: the lease must still outlast the send.
  const left = leaseLeftMs(row, now());
  if (left < deps.minLeaseLeftMs) {
    log.warn(
      { outboxId: row.id, leaseLeftMs: left },
      "claim too close to its end; leaving the email for a new claim",
    );
    return "skipped";
  }
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({
      to: row.to_address,
      ...message,
      idempotencyKey: row.idempotency_key,
    }));
  } catch (err) {
    const failure = classifySendError(err);
    if (failure.kind === "fail") {
      recorder.add({ id: row.id, status: "failed", error: failure.reason });
      log.error(
        { outboxId: row.id, template: row.template, reason: failure.reason },
        "email refused",
      );
      return "failed";
    }
    return retryLater(deps, recorder, row, failure.reason, now());
  }
  // Record. The SMTP server has the message now: if recording fails for good, the row is
  // claimed again when its lease ends and sent a second time (same Message-ID). Try hard first.
  recorder.add({ id: row.id, status: "sent", messageId });
  log.debug({ outboxId: row.id, template: row.template, attempt: row.attempts }, "email sent");
  return "sent";
}

function retryLater(
  deps: SendEmailDeps,
  recorder: OutcomeRecorder,
  row: { id: string; attempts: number; template: string },
  reason: string,
  now: Date,
): SendOutcome {
  if (row.attempts >= deps.retry.maxAttempts) {
    recorder.add({
      id: row.id,
      status: "failed",
      error: `gave up after ${row.attempts} attempts; last: ${reason}`,
    });
    deps.log.error({ outboxId: row.id, template: row.template, reason }, "email given up");
    return "failed";
  }
  const retryAt = new Date(now.getTime() + retryDelayMs(row.attempts, deps.retry));
  recorder.add({ id: row.id, status: "retry", error: reason, retryAt });
  deps.log.warn(
    { outboxId: row.id, template: row.template, attempt: row.attempts, retryAt, reason },
    "email not sent yet; will try again",
  );
  return "retry";
}

type OutcomeRecorder = {
  add: (outcome: EmailOutcomeRecord) => void;
  /** Write everything added so far; throws if that fails for good. */
  close: () => Promise<void>;
};

/** Longest an outcome waits for others to share its write, and most outcomes in one write. */
const GROUP_WAIT_MS = 25;
const GROUP_MAX = 50;

/**
 * Outcomes are written in groups (a group commit): a write starts 25 ms after the first outcome
 * that is not written yet, or as soon as 50 are waiting, and whatever becomes known while one
 * write runs waits for the next. An email the SMTP server accepted is recorded within about
 * 25 ms plus one write; that is the window in which a worker killed outright (SIGKILL, power)
 * leaves accepted emails recorded as 'sending', to be sent again under the same Message-ID when
 * their lease ends. Each group gets up to 6 tries over ≈ 15 s, well inside the remaining lease,
 * before the batch gives up.
 */
function createOutcomeRecorder(deps: SendEmailDeps): OutcomeRecorder {
  let pending: EmailOutcomeRecord[] = [];
  let writing = false;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let failure: unknown;

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    if (writing || pending.length === 0) return chain;
    const group = pending;
    pending = [];
    writing = true;
    chain = chain.then(async () => {
      try {
        if (failure === undefined) await recordWithRetries(deps, group);
      } catch (err) {
        failure = err;
      } finally {
        writing = false;
      }
      // What arrived meanwhile waits its turn (not awaited here: it chains after this write).
      if (pending.length >= GROUP_MAX) void flush();
      else if (pending.length > 0) timer ??= setTimeout(() => void flush(), GROUP_WAIT_MS);
    });
    return chain;
  };

  return {
    add: (outcome) => {
      pending.push(outcome);
      if (pending.length >= GROUP_MAX) void flush();
      else timer ??= setTimeout(() => void flush(), GROUP_WAIT_MS);
    },
    close: async () => {
      // Until nothing is pending and no write runs (a write may leave a next group behind it).
      while (writing || pending.length > 0) await flush();
      if (failure !== undefined) throw failure;
    },
  };
}

async function recordWithRetries(deps: SendEmailDeps, group: EmailOutcomeRecord[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await recordEmailOutcomes(deps.db, group);
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      deps.log.warn(
        { emails: group.length, err: (err as Error).message },
        "could not record sent emails yet",
      );
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}

export type SendSlots = { run: <T>(task: () => Promise<T>) => Promise<T> };

/** At most `size` sends at once; the others wait their turn, in order. */
export function createSendSlots(size: number): SendSlots {
  return new Semaphore(Math.max(1, size));
}

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
