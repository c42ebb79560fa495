import { DEFAULT_QUIET_HOURS, localDateOf, nextReminder, type Schedule } from "@tend/core";
import { sql } from "kysely";
import type { Db } from "./create-db.ts";

/** Everything the reminder logic needs about one assignment, in one row. */
export type ReminderRow = {
  assignmentId: string;
  clientId: string;
  clientName: string;
  clientEmail: string;
  exerciseTitle: string;
  schedule: Schedule;
  startDate: string;
  endDate: string | null;
  status: string;
  remindersEnabled: boolean;
  nextReminderAt: Date | null;
  nextOccurrenceAt: Date | null;
  timeZone: string;
  quietStart: string;
  quietEnd: string;
  pausedUntil: Date | null;
  reminderEmails: boolean;
};

function reminderQuery(db: Db) {
  return db
    .selectFrom("assignment as a")
    .innerJoin("client_profile as p", "p.user_id", "a.client_id")
    .innerJoin("user as u", "u.id", "a.client_id")
    .innerJoin("exercise as e", "e.id", "a.exercise_id")
    .innerJoin("exercise_version as v", (j) =>
      j.onRef("v.exercise_id", "=", "e.id").onRef("v.version", "=", "e.current_version"),
    )
    .select([
      "a.id as assignmentId",
      "a.client_id as clientId",
      "u.name as clientName",
      "u.email as clientEmail",
      sql<string>`v.definition->>'title'`.as("exerciseTitle"),
      "a.schedule",
      "a.start_date as startDate",
      "a.end_date as endDate",
      "a.status",
      "a.reminders_enabled as remindersEnabled",
      "a.next_reminder_at as nextReminderAt",
      "a.next_occurrence_at as nextOccurrenceAt",
      "p.time_zone as timeZone",
      "p.quiet_start as quietStart",
      "p.quiet_end as quietEnd",
      "p.reminders_paused_until as pausedUntil",
      "p.reminder_emails as reminderEmails",
    ]);
}

/** When the next reminder of this assignment is due (null: none planned). Pure given the row. */
export function planNextReminder(row: ReminderRow, after: Date) {
  if (row.status !== "active" || !row.remindersEnabled || !row.reminderEmails) return null;
  return nextReminder(
    {
      schedule: row.schedule,
      startDate: row.startDate,
      endDate: row.endDate,
      timeZone: row.timeZone,
    },
    after,
    { quietHours: { start: row.quietStart, end: row.quietEnd }, pausedUntil: row.pausedUntil },
  );
}

async function storeNext(db: Db, assignmentId: string, plan: ReturnType<typeof planNextReminder>) {
  await db
    .updateTable("assignment")
    .set({ next_reminder_at: plan?.sendAt ?? null, next_occurrence_at: plan?.occurrenceAt ?? null })
    .where("id", "=", assignmentId)
    .execute();
}

/**
 * Recompute at once after anything that moves reminders changes: the schedule, the
 * status, the time zone, quiet hours, a pause, or the client's email preferences.
 */
export async function refreshClientReminders(
  db: Db,
  clientId: string,
  now = new Date(),
): Promise<void> {
  const rows = (await reminderQuery(db)
    .where("a.client_id", "=", clientId)
    .execute()) as ReminderRow[];
  for (const row of rows) await storeNext(db, row.assignmentId, planNextReminder(row, now));
}

export async function refreshAssignmentReminder(
  db: Db,
  assignmentId: string,
  now = new Date(),
): Promise<void> {
  const row = (await reminderQuery(db).where("a.id", "=", assignmentId).executeTakeFirst()) as
    | ReminderRow
    | undefined;
  if (row) await storeNext(db, row.assignmentId, planNextReminder(row, now));
}

/**
 * Due reminders, locked for this transaction (`FOR UPDATE SKIP LOCKED`): call inside a
 * transaction that also writes the outbox rows and the next times, so a reminder is
 * decided exactly once whatever the number of workers.
 */
export async function lockDueReminders(trx: Db, now: Date, limit: number): Promise<ReminderRow[]> {
  // The due assignments are picked and locked on their own (the due index, LIMIT, SKIP LOCKED),
  // and only those few are joined to the rest: planned as one join, a freshly filled table
  // (statistics not yet gathered) had PostgreSQL join and sort every due row to keep 200.
  // Walk the due index in order and stop at `limit`. With statistics that undercount the due rows
  // (a table that just grew: a fresh import, the bench's seed), PostgreSQL chose a bitmap scan
  // and sorted every due row to keep `limit` of them, on every batch: quadratic in the backlog
  // (100,000 due reminders: 18 ms a claim, 9 of the sweep's 17 s; with this, 3.5 ms and 10 s in
  // all). Set for this statement only, then reset (the transaction's other statements plan freely).
  await sql`set local enable_bitmapscan = off`.execute(trx);
  const rows = (await reminderQuery(trx)
    .where("a.id", "in", (eb) =>
      eb
        .selectFrom("assignment")
        .select("id")
        .where("next_reminder_at", "<=", now)
        .where("status", "=", "active")
        .where("reminders_enabled", "=", true)
        .orderBy("next_reminder_at")
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .orderBy("a.next_reminder_at")
    .execute()) as ReminderRow[];
  await sql`reset enable_bitmapscan`.execute(trx);
  return rows;
}

export async function storeNextReminder(
  db: Db,
  assignmentId: string,
  plan: ReturnType<typeof planNextReminder>,
) {
  await storeNext(db, assignmentId, plan);
}

/** Did the client already practise this assignment on the occurrence's local day? */
export async function practisedOnLocalDay(
  db: Db,
  row: ReminderRow,
  occurrenceAt: Date,
): Promise<boolean> {
  const day = localDateOf(occurrenceAt, row.timeZone);
  const found = await db
    .selectFrom("entry")
    .select("id")
    .where("assignment_id", "=", row.assignmentId)
    .where("status", "=", "complete")
    .where(sql<string>`to_char(completed_at at time zone ${row.timeZone}, 'YYYY-MM-DD')`, "=", day)
    .executeTakeFirst();
  return found !== undefined;
}

export async function isOccurrenceSkipped(
  db: Db,
  assignmentId: string,
  occurrenceAt: Date,
): Promise<boolean> {
  const r = await db
    .selectFrom("reminder_skip")
    .select("assignment_id")
    .where("assignment_id", "=", assignmentId)
    .where("occurrence_at", "=", occurrenceAt)
    .executeTakeFirst();
  return r !== undefined;
}

/** "Not today": let one planned practice go. Idempotent. */
export async function skipOccurrence(
  db: Db,
  clientId: string,
  assignmentId: string,
  occurrenceAt: Date,
): Promise<boolean> {
  const owned = await db
    .selectFrom("assignment")
    .select("id")
    .where("id", "=", assignmentId)
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  if (!owned) return false;
  await db
    .insertInto("reminder_skip")
    .values({ assignment_id: assignmentId, occurrence_at: occurrenceAt })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return true;
}

export const DEFAULT_QUIET = DEFAULT_QUIET_HOURS;

// ── Batches: one query per batch of due reminders, not one per reminder ─────

/** One due reminder's planned practice, as the batch look-ups need it. */
export type OccurrenceRef = {
  assignmentId: string;
  clientId: string;
  timeZone: string;
  occurrenceAt: Date;
};

/** How the batch look-ups name an occurrence: `<assignment> <ISO instant>`. */
export const occurrenceKey = (assignmentId: string, occurrenceAt: Date) =>
  `${assignmentId} ${occurrenceAt.toISOString()}`;

/** Which of these occurrences the client let go ("not today"). */
export async function skippedOccurrences(db: Db, refs: OccurrenceRef[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await db
    .selectFrom("reminder_skip")
    .select(["assignment_id", "occurrence_at"])
    .where("assignment_id", "in", [...new Set(refs.map((r) => r.assignmentId))])
    .where(
      "occurrence_at",
      "in",
      refs.map((r) => r.occurrenceAt),
    )
    .execute();
  const wanted = new Set(refs.map((r) => occurrenceKey(r.assignmentId, r.occurrenceAt)));
  return new Set(
    rows
      .map((r) => occurrenceKey(r.assignment_id, r.occurrence_at))
      .filter((key) => wanted.has(key)),
  );
}

/**
 * Which of these occurrences the client already practised on the same local day (in their
 * zone). Uses the client's completed-entries index: a local day lies within 26 h of any instant in it.
 */
export async function practisedOnLocalDays(db: Db, refs: OccurrenceRef[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const values = sql.join(
    refs.map(
      (r) =>
        sql`(${r.assignmentId}::uuid, ${r.clientId}::text, ${r.occurrenceAt}::timestamptz, ${r.timeZone}::text)`,
    ),
  );
  const { rows } = await sql<{ assignmentId: string; occurrenceAt: Date }>`
    select x.a as "assignmentId", x.occ as "occurrenceAt"
      from (values ${values}) as x(a, client, occ, tz)
     where exists (
       select 1 from entry e
        where e.client_id = x.client
          and e.status = 'complete'
          and e.completed_at > x.occ - interval '26 hours'
          and e.completed_at < x.occ + interval '26 hours'
          and e.assignment_id = x.a
          and to_char(e.completed_at at time zone x.tz, 'YYYY-MM-DD')
              = to_char(x.occ at time zone x.tz, 'YYYY-MM-DD'))`.execute(db);
  return new Set(rows.map((r) => occurrenceKey(r.assignmentId, r.occurrenceAt)));
}

/** Store many assignments' next reminders in one statement (null: none planned). */
export async function storeNextReminders(
  db: Db,
  plans: Array<{ assignmentId: string; sendAt: Date | null; occurrenceAt: Date | null }>,
): Promise<void> {
  if (plans.length === 0) return;
  // Three array parameters, whatever the batch size (not three parameters a row).
  const ids = plans.map((p) => p.assignmentId);
  const sendAts = plans.map((p) => p.sendAt?.toISOString() ?? null);
  const occurrences = plans.map((p) => p.occurrenceAt?.toISOString() ?? null);
  await sql`update assignment a
               set next_reminder_at = v.send_at, next_occurrence_at = v.occ
              from unnest(${ids}::uuid[], ${sendAts}::timestamptz[], ${occurrences}::timestamptz[])
                   as v(id, send_at, occ)
             where a.id = v.id`.execute(db);
}
