import { sql } from "kysely";
import type { Db } from "./create-db.ts";
import type { OutboxRow } from "./database.ts";

/** PostgreSQL NOTIFY channel: the worker listens and sends at once instead of waiting for its sweep. */
export const OUTBOX_CHANNEL = "tend_outbox";

export type EmailToQueue = {
  /** One key, at most one email: e.g. `invite:<invitation>:<sent_count>`, `reminder:<assignment>:<occurrence>`. */
  idempotencyKey: string;
  template: string;
  to: string;
  data: Record<string, unknown>;
  /** Send no earlier than this (default: now). */
  notBefore?: Date;
};

/**
 * Queue an email. Call it inside the transaction that makes the change the email is about;
 * the row and the change commit (or roll back) together. A repeated key is ignored.
 * Returns whether a new row was written.
 */
export async function enqueueEmail(db: Db, email: EmailToQueue): Promise<boolean> {
  const inserted = await db
    .insertInto("outbox")
    .values({
      idempotency_key: email.idempotencyKey,
      template: email.template,
      to_address: email.to,
      data: JSON.stringify(email.data),
      ...(email.notBefore ? { next_attempt_at: email.notBefore } : {}),
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted) await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(db);
  return inserted !== undefined;
}

/**
 * Queue many emails in one statement (and one NOTIFY): the batch form of `enqueueEmail`, for
 * the worker's reminder and summary sweeps. Repeated keys are ignored. Returns how many were new.
 */
export async function enqueueEmails(db: Db, emails: EmailToQueue[]): Promise<number> {
  if (emails.length === 0) return 0;
  // Five array parameters, whatever the batch size (not five parameters a row).
  const { rows } = await sql<{ id: string }>`
    insert into outbox (idempotency_key, template, to_address, data, next_attempt_at)
    select v.key, v.template, v.to_address, v.data, coalesce(v.not_before, now())
      from unnest(${emails.map((e) => e.idempotencyKey)}::text[],
                  ${emails.map((e) => e.template)}::text[],
                  ${emails.map((e) => e.to)}::text[],
                  ${emails.map((e) => JSON.stringify(e.data))}::jsonb[],
                  ${emails.map((e) => e.notBefore?.toISOString() ?? null)}::timestamptz[])
           as v(key, template, to_address, data, not_before)
    on conflict (idempotency_key) do nothing
    returning id`.execute(db);
  if (rows.length > 0) await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(db);
  return rows.length;
}

/**
 * Claim due emails for sending (`FOR UPDATE SKIP LOCKED`: any number of workers side by side).
 * A claim is a lease: if the worker dies before recording the outcome, the row becomes due
 * again when the lease ends, so nothing is lost. Duplicates are bounded to that window: the
 * worker claims and sends in batches and records outcomes in groups (`recordEmailOutcomes`, a
 * group commit about every 25 ms), so a worker killed outright (SIGKILL, power) repeats at most
 * the emails the SMTP server accepted in its last such moment, under the same Message-ID.
 * SIGTERM finishes and records the batches in hand.
 *
 * A row is due by either clock: `next_attempt_at` is usually PostgreSQL's now() (microseconds)
 * and `now` JavaScript's (milliseconds, truncated), so a row queued within the same millisecond
 * as the claim was not due yet by `now` alone and waited for the next poll (and made
 * dispatch-outbox.int.test.ts flaky). Leases stay on `now`, the clock the sender checks them by.
 */
export async function claimDueEmails(
  db: Db,
  { limit, leaseSeconds, now = new Date() }: { limit: number; leaseSeconds: number; now?: Date },
): Promise<OutboxRow[]> {
  // Walk the due index in order and stop at `limit` (as lockDueReminders does): with statistics
  // that undercount the due rows, PostgreSQL bitmap-scanned and sorted the whole backlog on every
  // claim (50,000 queued: 42 ms a claim of 800, 31 of them choosing; walking the index, 11 ms).
  if (db.isTransaction) {
    await sql`set local enable_bitmapscan = off`.execute(db);
    const rows = await claim(db, limit, leaseSeconds, now);
    await sql`reset enable_bitmapscan`.execute(db);
    return rows;
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local enable_bitmapscan = off`.execute(trx);
    return claim(trx, limit, leaseSeconds, now);
  });
}

async function claim(db: Db, limit: number, leaseSeconds: number, now: Date) {
  const result = await sql<OutboxRow>`
    update outbox o
       set status = 'sending',
           attempts = o.attempts + 1,
           locked_until = ${now}::timestamptz + make_interval(secs => ${leaseSeconds})
     where o.id in (
       select id from outbox
        where (status = 'queued' and next_attempt_at <= greatest(${now}::timestamptz, now()))
           or (status = 'sending' and locked_until < ${now})
        order by next_attempt_at
        limit ${limit}
        for update skip locked)
    returning o.*`.execute(db);
  return result.rows;
}

export async function findEmail(db: Db, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Many outbox rows by id, in one query (the rows of one send batch). Missing ids are left out. */
export async function findEmails(db: Db, ids: string[]): Promise<OutboxRow[]> {
  if (ids.length === 0) return [];
  const { rows } =
    await sql<OutboxRow>`select * from outbox where id = any(${ids}::uuid[])`.execute(db);
  return rows;
}

/** What became of one claimed email: the batch form of the `markEmail…` functions below. */
export type EmailOutcomeRecord =
  | { id: string; status: "sent"; messageId: string }
  | { id: string; status: "retry"; error: string; retryAt: Date }
  | { id: string; status: "failed"; error: string }
  | { id: string; status: "cancelled"; error: string };

/**
 * Record the outcomes of a batch of sends in one statement, each row as its own `markEmail…`
 * would: sent and failed unconditionally, retry and cancelled only while the row is still
 * 'sending'. Each row gets its own status, error and time; one row's outcome never touches another.
 */
export async function recordEmailOutcomes(db: Db, outcomes: EmailOutcomeRecord[]): Promise<void> {
  if (outcomes.length === 0) return;
  const ids: string[] = [];
  const statuses: string[] = [];
  const messageIds: Array<string | null> = [];
  const errors: Array<string | null> = [];
  const retryAts: Array<string | null> = [];
  for (const o of outcomes) {
    ids.push(o.id);
    statuses.push(o.status === "retry" ? "queued" : o.status);
    messageIds.push(o.status === "sent" ? o.messageId : null);
    errors.push(o.status === "sent" ? null : o.error.slice(0, 500));
    retryAts.push(o.status === "retry" ? o.retryAt.toISOString() : null);
  }
  await sql`
    update outbox o
       set status = v.status,
           sent_at = case when v.status = 'sent' then now() else o.sent_at end,
           message_id = case when v.status = 'sent' then v.message_id else o.message_id end,
           next_attempt_at = coalesce(v.retry_at, o.next_attempt_at),
           locked_until = null,
           last_error = v.error
      from unnest(${ids}::uuid[], ${statuses}::text[], ${messageIds}::text[], ${errors}::text[],
                  ${retryAts}::timestamptz[]) as v(id, status, message_id, error, retry_at)
     where o.id = v.id
       and (v.status in ('sent', 'failed') or o.status = 'sending')`.execute(db);
}

export async function markEmailSent(db: Db, id: string, messageId: string): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      status: "sent",
      sent_at: new Date(),
      message_id: messageId,
      locked_until: null,
      last_error: null,
    })
    .where("id", "=", id)
    .execute();
}

/** A temporary problem (SMTP down, a 4xx): try again at `retryAt`. */
export async function markEmailRetry(
  db: Db,
  id: string,
  error: string,
  retryAt: Date,
): Promise<void> {
  await db
    .updateTable("outbox")
    .set({
      status: "queued",
      next_attempt_at: retryAt,
      locked_until: null,
      last_error: error.slice(0, 500),
    })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .execute();
}

/** A permanent problem (a 5xx, an unsubscribed address): stop, and say why. */
export async function markEmailFailed(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable("outbox")
    .set({ status: "failed", locked_until: null, last_error: error.slice(0, 500) })
    .where("id", "=", id)
    .execute();
}

/**
 * Nobody wants this email any more (the person turned these emails off after it was queued):
 * stop, without sending, and say why.
 */
export async function markEmailCancelled(db: Db, id: string, reason: string): Promise<void> {
  await db
    .updateTable("outbox")
    .set({ status: "cancelled", locked_until: null, last_error: reason.slice(0, 500) })
    .where("id", "=", id)
    .where("status", "=", "sending")
    .execute();
}

export type OutboxBacklog = {
  /** Rows waiting to be claimed (due now or later: retries wait here too). */
  queued: number;
  /** Rows claimed by a worker and not yet recorded as sent, failed or cancelled. */
  sending: number;
  /** The earliest `next_attempt_at` of a queued row that is already due, if any. */
  oldestDueAt: Date | null;
};

/** How much email is waiting, for the worker's metrics (served by the outbox_due_idx index). */
export async function countOutboxBacklog(db: Db, now = new Date()): Promise<OutboxBacklog> {
  const row = await db
    .selectFrom("outbox")
    .select([
      sql<number>`count(*) filter (where status = 'queued')::int`.as("queued"),
      sql<number>`count(*) filter (where status = 'sending')::int`.as("sending"),
      sql<Date | null>`min(next_attempt_at) filter (where status = 'queued' and next_attempt_at <= ${now})`.as(
        "oldestDueAt",
      ),
    ])
    .where("status", "in", ["queued", "sending"])
    .executeTakeFirstOrThrow();
  return { queued: row.queued, sending: row.sending, oldestDueAt: row.oldestDueAt };
}
