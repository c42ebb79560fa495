// Seeding for the worker's integration tests: people, assignments and entries written straight
// into PostgreSQL (the way the API leaves them), with clients' words encrypted as the API does.
import { randomUUID } from "node:crypto";
import type { ScheduleInput } from "@tend/core";
import { type Db, type FieldCipher, refreshAssignmentReminder } from "@tend/db";
import { sql } from "kysely";

export async function seedTherapist(
  db: Db,
  opts: {
    name?: string;
    email?: string;
    timeZone?: string;
    digestDay?: number;
    digestTime?: string;
    /** Weekly digests (default off here: they would add emails to every count). */
    digestEmails?: boolean;
  } = {},
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto("user")
    .values({
      id,
      name: opts.name ?? "Dr. Ana Ruiz",
      email: opts.email ?? `therapist-${id}@example.org`,
      emailVerified: true,
      image: null,
      twoFactorEnabled: null,
      role: "therapist",
    })
    .execute();
  await db
    .insertInto("therapist_settings")
    .values({
      user_id: id,
      digest_emails: opts.digestEmails ?? false,
      ...(opts.timeZone ? { time_zone: opts.timeZone } : {}),
      ...(opts.digestDay ? { digest_day: opts.digestDay } : {}),
      ...(opts.digestTime ? { digest_time: opts.digestTime } : {}),
    })
    .execute();
  return id;
}

export type ClientOptions = {
  name?: string;
  email?: string;
  timeZone: string;
  quietStart?: string;
  quietEnd?: string;
  reminderEmails?: boolean;
  summaryEmails?: boolean;
  summaryDay?: number;
  summaryTime?: string;
  quoteWords?: boolean;
  sharePracticeLog?: boolean;
};

/** Quiet hours that never apply (start = end). */
export const NO_QUIET_HOURS = { quietStart: "00:00", quietEnd: "00:00" } as const;

export async function seedClient(
  db: Db,
  therapistId: string,
  opts: ClientOptions,
): Promise<{ id: string; email: string; name: string }> {
  const id = randomUUID();
  const name = opts.name ?? "Sam Lee";
  const email = opts.email ?? `client-${id}@example.org`;
  await db
    .insertInto("user")
    .values({
      id,
      name,
      email,
      emailVerified: true,
      image: null,
      twoFactorEnabled: null,
      role: "client",
    })
    .execute();
  await db
    .insertInto("client_profile")
    .values({
      user_id: id,
      therapist_id: therapistId,
      time_zone: opts.timeZone,
      ...(opts.quietStart ? { quiet_start: opts.quietStart } : {}),
      ...(opts.quietEnd ? { quiet_end: opts.quietEnd } : {}),
      ...(opts.reminderEmails !== undefined ? { reminder_emails: opts.reminderEmails } : {}),
      // Off unless a test is about summaries: they would add emails to every count.
      summary_emails: opts.summaryEmails ?? false,
      ...(opts.summaryDay ? { summary_day: opts.summaryDay } : {}),
      ...(opts.summaryTime ? { summary_time: opts.summaryTime } : {}),
      ...(opts.quoteWords !== undefined ? { quote_words_in_summary: opts.quoteWords } : {}),
      ...(opts.sharePracticeLog !== undefined ? { share_practice_log: opts.sharePracticeLog } : {}),
    })
    .execute();
  return { id, email, name };
}

export async function catalogExercise(db: Db, slug: string) {
  return db
    .selectFrom("exercise as e")
    .innerJoin("exercise_version as v", (j) =>
      j.onRef("v.exercise_id", "=", "e.id").onRef("v.version", "=", "e.current_version"),
    )
    .select(["e.id as exerciseId", "v.id as versionId", "v.definition"])
    .where("e.slug", "=", slug)
    .executeTakeFirstOrThrow();
}

/** An active assignment with its first reminder planned after `now`, as the API would leave it. */
export async function seedAssignment(
  db: Db,
  opts: {
    therapistId: string;
    clientId: string;
    slug?: string;
    schedule: ScheduleInput;
    startDate: string;
    endDate?: string;
    now: Date;
  },
): Promise<string> {
  const exercise = await catalogExercise(db, opts.slug ?? "loved-one-test");
  const { id } = await db
    .insertInto("assignment")
    .values({
      therapist_id: opts.therapistId,
      client_id: opts.clientId,
      exercise_id: exercise.exerciseId,
      schedule: JSON.stringify(opts.schedule),
      start_date: opts.startDate,
      end_date: opts.endDate ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await refreshAssignmentReminder(db, id, opts.now);
  return id;
}

/** A completed entry; `words` are encrypted with the entry id as associated data (as the API does). */
export async function seedEntry(
  db: Db,
  cipher: FieldCipher,
  opts: {
    clientId: string;
    assignmentId?: string | null;
    slug?: string;
    completedAt: Date;
    words?: Record<string, unknown>;
    measures?: Record<string, unknown>;
    shared?: boolean;
    flagged?: boolean;
  },
): Promise<string> {
  const exercise = await catalogExercise(db, opts.slug ?? "loved-one-test");
  const id = randomUUID();
  await db
    .insertInto("entry")
    .values({
      id,
      client_id: opts.clientId,
      assignment_id: opts.assignmentId ?? null,
      exercise_version_id: exercise.versionId,
      status: "complete",
      words_ciphertext: opts.words ? cipher.encryptJson(opts.words, id) : null,
      measures: JSON.stringify(opts.measures ?? {}),
      shared_at: opts.shared ? opts.completedAt : null,
      flagged_for_session: opts.flagged ?? false,
      started_at: new Date(opts.completedAt.getTime() - 10 * 60_000),
      updated_at: opts.completedAt,
      completed_at: opts.completedAt,
    })
    .execute();
  return id;
}

/**
 * `count` clients (UTC, no quiet hours, no summaries) under one therapist, each with one daily
 * assignment whose reminder is due at `dueAt`. Written in a few statements, so thousands are quick.
 * Returns the assignment ids.
 */
export async function seedDueReminders(
  db: Db,
  { count, dueAt, tag = randomUUID().slice(0, 8) }: { count: number; dueAt: Date; tag?: string },
): Promise<string[]> {
  const therapistId = await seedTherapist(db, { name: "Dr. Bulk" });
  const exercise = await catalogExercise(db, "loved-one-test");
  const day = dueAt.toISOString().slice(0, 10);
  const time = dueAt.toISOString().slice(11, 16);
  const schedule = JSON.stringify({ kind: "days", days: [1, 2, 3, 4, 5, 6, 7], times: [time] });
  await sql`insert into "user" (id, name, email, "emailVerified", role)
            select ${tag} || '-' || g, 'Client ' || g, ${tag} || '-' || g || '@example.org', true, 'client'
              from generate_series(1, ${count}::int) g`.execute(db);
  await sql`insert into client_profile (user_id, therapist_id, time_zone, quiet_start, quiet_end, summary_emails)
            select ${tag} || '-' || g, ${therapistId}, 'UTC', '00:00', '00:00', false
              from generate_series(1, ${count}::int) g`.execute(db);
  const { rows } = await sql<{ id: string }>`
    insert into assignment (therapist_id, client_id, exercise_id, schedule, start_date,
                            next_reminder_at, next_occurrence_at)
    select ${therapistId}, ${tag} || '-' || g, ${exercise.exerciseId}, ${schedule}::jsonb, ${day}::date,
           ${dueAt}::timestamptz, ${dueAt}::timestamptz
      from generate_series(1, ${count}::int) g
    returning id`.execute(db);
  return rows.map((r) => r.id);
}

/** The outbox key of an assignment's reminder for one planned practice. */
export const reminderKey = (assignmentId: string, occurrence: Date | string) =>
  `reminder:${assignmentId}:${new Date(occurrence).toISOString()}`;
