import {
  type Db,
  type FieldCipher,
  findEmail,
  markEmailCancelled,
  markEmailFailed,
  markEmailRetry,
  markEmailSent,
} from "@tend/db";
import { z } from "zod";
import { prepareEmailData } from "../email/prepare.ts";
import { EmailDataError, renderEmail } from "../email/render.ts";
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
  log: Logger;
  /** Decrypts the words a weekly summary quotes (they are never in the outbox). */
  cipher: FieldCipher;
  retry: RetryPolicy;
  /**
   * Begin a send only while the claim's lease has at least this long to run. A send is bounded
   * by the SMTP timeouts, so it ends before the lease does and no second claim of the row can
   * overlap it (which matters when Redis lost the job and the jobId no longer dedupes).
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
  let template: string | undefined;
  const outcome = await deliver(deps, job, (t) => {
    template = t;
  });
  if (template !== undefined) deps.metrics?.emailOutcome(template, outcome);
  return outcome;
}

async function deliver(
  deps: SendEmailDeps,
  { outboxId, attempt }: SendEmailJobData,
  loaded: (template: string) => void,
): Promise<SendOutcome> {
  const { db, log } = deps;
  const now = deps.now ?? (() => new Date());

  // Load.
  const row = await findEmail(db, outboxId);

  // Decide.
  if (row?.status !== "sending") {
    log.debug({ outboxId, status: row?.status }, "email not claimed for sending; nothing to do");
    return "skipped";
  }
  if (row.attempts !== attempt) {
    log.debug({ outboxId, attempt, claim: row.attempts }, "job of an earlier claim; nothing to do");
    return "skipped";
  }
  loaded(row.template);
  const leaseLeftMs = (row.locked_until?.getTime() ?? 0) - now().getTime();
  if (leaseLeftMs < deps.minLeaseLeftMs) {
    log.warn(
      { outboxId, leaseLeftMs },
      "claim too close to its end; leaving the email for a new claim",
    );
    return "skipped";
  }
  if (row.attempts > deps.retry.maxAttempts) {
    await markEmailFailed(db, row.id, `gave up after ${deps.retry.maxAttempts} attempts`);
    log.error({ outboxId, template: row.template }, "email given up: too many attempts");
    return "failed";
  }

  let message: Awaited<ReturnType<typeof renderEmail>>;
  try {
    const prepared = await prepareEmailData(deps, row);
    if (prepared.kind === "cancel") {
      await markEmailCancelled(db, row.id, prepared.reason);
      log.info({ outboxId, template: row.template, reason: prepared.reason }, "email not wanted");
      return "cancelled";
    }
    message = await renderEmail(row.template, prepared.data);
  } catch (err) {
    if (err instanceof EmailDataError) {
      await markEmailFailed(db, row.id, err.message);
      log.error({ outboxId, template: row.template, err: err.message }, "email cannot be rendered");
      return "failed";
    }
    return retryLater(deps, row, `preparing: ${(err as Error).message ?? String(err)}`, now());
  }

  // Act.
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
      await markEmailFailed(db, row.id, failure.reason);
      log.error({ outboxId, template: row.template, reason: failure.reason }, "email refused");
      return "failed";
    }
    return retryLater(deps, row, failure.reason, now());
  }

  // Record. The SMTP server has the message now: if recording fails for good, the row is
  // claimed again when its lease ends and sent a second time (same Message-ID). Try hard first.
  await recordSent(deps, row.id, messageId);
  log.info({ outboxId, template: row.template, attempt: row.attempts }, "email sent");
  return "sent";
}

async function retryLater(
  deps: SendEmailDeps,
  row: { id: string; attempts: number; template: string },
  reason: string,
  now: Date,
): Promise<SendOutcome> {
  if (row.attempts >= deps.retry.maxAttempts) {
    await markEmailFailed(
      deps.db,
      row.id,
      `gave up after ${row.attempts} attempts; last: ${reason}`,
    );
    deps.log.error({ outboxId: row.id, template: row.template, reason }, "email given up");
    return "failed";
  }
  const retryAt = new Date(now.getTime() + retryDelayMs(row.attempts, deps.retry));
  await markEmailRetry(deps.db, row.id, reason, retryAt);
  deps.log.warn(
    { outboxId: row.id, template: row.template, attempt: row.attempts, retryAt, reason },
    "email not sent yet; will try again",
  );
  return "retry";
}

/** Up to 6 tries over ≈ 15 s, well inside the remaining lease, before the job gives up. */
async function recordSent(deps: SendEmailDeps, id: string, messageId: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await markEmailSent(deps.db, id, messageId);
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      deps.log.warn(
        { outboxId: id, err: (err as Error).message },
        "could not record a sent email yet",
      );
      await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    }
  }
}
