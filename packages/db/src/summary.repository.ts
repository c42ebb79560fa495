import { type EntryFacts, nextWeeklyAt } from "@tend/core";
import { sql } from "kysely";
import type { Db } from "./create-db.ts";

// ── Planning: give every summary and digest its next time ───────────────────

/** Therapists get digest settings the first time the worker sees them. */
export async function ensureTherapistSettings(db: Db): Promise<void> {
  await sql`insert into therapist_settings (user_id)
            select id from "user" u where u.role = 'therapist'
              and not exists (select 1 from therapist_settings s where s.user_id = u.id)
            on conflict do nothing`.execute(db);
}

/** Fill in `next_summary_at` / `next_digest_at` where it is unset (new people, changed settings). */
export async function scheduleWeeklyEmails(db: Db, now: Date, limit = 1000): Promise<number> {
  const clients = await db
    .selectFrom("client_profile")
    .select(["user_id", "time_zone", "summary_day", "summary_time"])
    .where("next_summary_at", "is", null)
    .where("summary_emails", "=", true)
    .limit(limit)
    .execute();
  for (const c of clients) {
    await db
      .updateTable("client_profile")
      .set({ next_summary_at: nextWeeklyAt(c.summary_day, c.summary_time, c.time_zone, now) })
      .where("user_id", "=", c.user_id)
      .where("next_summary_at", "is", null)
      .execute();
  }
  const therapists = await db
    .selectFrom("therapist_settings")
    .select(["user_id", "time_zone", "digest_day", "digest_time"])
    .where("next_digest_at", "is", null)
    .where("digest_emails", "=", true)
    .limit(limit)
    .execute();
  for (const t of therapists) {
    await db
      .updateTable("therapist_settings")
      .set({ next_digest_at: nextWeeklyAt(t.digest_day, t.digest_time, t.time_zone, now) })
      .where("user_id", "=", t.user_id)
      .where("next_digest_at", "is", null)
      .execute();
  }
  return clients.length + therapists.length;
}

// ── Claiming ────────────────────────────────────────────────────────────────

export type DueSummary = {
  clientId: string;
  name: string;
  email: string;
  timeZone: string;
  summaryDay: number;
  summaryTime: string;
  quoteWords: boolean;
  dueAt: Date;
};

/** Due client summaries, locked for this transaction (`FOR UPDATE SKIP LOCKED`). */
export async function lockDueSummaries(trx: Db, now: Date, limit: number): Promise<DueSummary[]> {
  return trx
    .selectFrom("client_profile as p")
    .innerJoin("user as u", "u.id", "p.user_id")
    .select([
      "p.user_id as clientId",
      "u.name",
      "u.email",
      "p.time_zone as timeZone",
      "p.summary_day as summaryDay",
      "p.summary_time as summaryTime",
      "p.quote_words_in_summary as quoteWords",
      sql<Date>`p.next_summary_at`.as("dueAt"),
    ])
    .where("p.summary_emails", "=", true)
    .where("p.next_summary_at", "<=", now)
    .orderBy("p.next_summary_at")
    .limit(limit)
    .forUpdate("p")
    .skipLocked()
    .execute();
}

export async function setNextSummaryAt(db: Db, clientId: string, at: Date): Promise<void> {
  await db
    .updateTable("client_profile")
    .set({ next_summary_at: at })
    .where("user_id", "=", clientId)
    .execute();
}

export type DueDigest = {
  therapistId: string;
  name: string;
  email: string;
  timeZone: string;
  digestDay: number;
  digestTime: string;
  dueAt: Date;
};

export async function lockDueDigests(trx: Db, now: Date, limit: number): Promise<DueDigest[]> {
  return trx
    .selectFrom("therapist_settings as s")
    .innerJoin("user as u", "u.id", "s.user_id")
    .select([
      "s.user_id as therapistId",
      "u.name",
      "u.email",
      "s.time_zone as timeZone",
      "s.digest_day as digestDay",
      "s.digest_time as digestTime",
      sql<Date>`s.next_digest_at`.as("dueAt"),
    ])
    .where("s.digest_emails", "=", true)
    .where("s.next_digest_at", "<=", now)
    .orderBy("s.next_digest_at")
    .limit(limit)
    .forUpdate("s")
    .skipLocked()
    .execute();
}

export async function setNextDigestAt(db: Db, therapistId: string, at: Date): Promise<void> {
  await db
    .updateTable("therapist_settings")
    .set({ next_digest_at: at })
    .where("user_id", "=", therapistId)
    .execute();
}

// ── Content ─────────────────────────────────────────────────────────────────

export type EntryFactsWithFlags = EntryFacts & {
  shared: boolean;
  flagged: boolean;
  hasWords: boolean;
};

/** A client's completed entries in [from, to): facts only (no words). */
export async function listEntryFacts(
  db: Db,
  clientId: string,
  from: Date,
  to: Date,
): Promise<EntryFactsWithFlags[]> {
  const rows = await db
    .selectFrom("entry as n")
    .innerJoin("exercise_version as v", "v.id", "n.exercise_version_id")
    .select([
      "n.id",
      "n.completed_at",
      "n.measures",
      "v.definition",
      "n.shared_at",
      "n.flagged_for_session",
      "n.words_ciphertext",
    ])
    .where("n.client_id", "=", clientId)
    .where("n.status", "=", "complete")
    .where("n.completed_at", ">=", from)
    .where("n.completed_at", "<", to)
    .orderBy("n.completed_at")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    completedAt: r.completed_at!,
    exerciseTitle: r.definition.title,
    definition: r.definition,
    measures: r.measures,
    shared: r.shared_at !== null,
    flagged: r.flagged_for_session,
    hasWords: r.words_ciphertext !== null,
  }));
}

/**
 * `listEntryFacts` for many clients at once, each with its own window, in two queries whatever
 * their number: the entries (facts only), then each exercise version they used, once.
 */
export async function listEntryFactsOfClients(
  db: Db,
  windows: Array<{ clientId: string; from: Date; to: Date }>,
): Promise<Map<string, EntryFactsWithFlags[]>> {
  const byClient = new Map<string, EntryFactsWithFlags[]>(
    windows.map((w) => [w.clientId, [] as EntryFactsWithFlags[]]),
  );
  if (windows.length === 0) return byClient;
  const { rows } = await sql<{
    clientId: string;
    id: string;
    completedAt: Date;
    measures: Record<string, unknown>;
    versionId: string;
    shared: boolean;
    flagged: boolean;
    hasWords: boolean;
  }>`
    select w.client as "clientId", n.id, n.completed_at as "completedAt", n.measures,
           n.exercise_version_id as "versionId", n.shared_at is not null as shared,
           n.flagged_for_session as flagged, n.words_ciphertext is not null as "hasWords"
      from unnest(${windows.map((w) => w.clientId)}::text[],
                  ${windows.map((w) => w.from.toISOString())}::timestamptz[],
                  ${windows.map((w) => w.to.toISOString())}::timestamptz[]) as w(client, from_at, to_at)
      join entry n on n.client_id = w.client and n.status = 'complete'
                  and n.completed_at >= w.from_at and n.completed_at < w.to_at
     order by w.client, n.completed_at`.execute(db);
  if (rows.length === 0) return byClient;
  const versions = new Map(
    (
      await db
        .selectFrom("exercise_version")
        .select(["id", "definition"])
        .where("id", "in", [...new Set(rows.map((r) => r.versionId))])
        .execute()
    ).map((v) => [v.id, v.definition]),
  );
  for (const r of rows) {
    const definition = versions.get(r.versionId)!;
    byClient.get(r.clientId)?.push({
      id: r.id,
      completedAt: r.completedAt,
      exerciseTitle: definition.title,
      definition,
      measures: r.measures,
      shared: r.shared,
      flagged: r.flagged,
      hasWords: r.hasWords,
    });
  }
  return byClient;
}

/** `setNextSummaryAt` for many clients, in one statement. */
export async function setNextSummaryAts(
  db: Db,
  next: Array<{ clientId: string; at: Date }>,
): Promise<void> {
  if (next.length === 0) return;
  await sql`update client_profile p set next_summary_at = v.at
              from unnest(${next.map((n) => n.clientId)}::text[],
                          ${next.map((n) => n.at.toISOString())}::timestamptz[]) as v(id, at)
             where p.user_id = v.id`.execute(db);
}

export type DigestClient = {
  clientId: string;
  name: string;
  /** Practices the therapist may know about: shared ones, plus private ones if the client allows. */
  practiceCount: number;
  /** Shared entries the client flagged for session: exercise and date only. */
  flagged: Array<{ exerciseTitle: string; completedAt: Date }>;
};

/** The week of each of a therapist's clients, as much as the therapist may see. Never any words. */
export async function digestForTherapist(
  db: Db,
  therapistId: string,
  from: Date,
  to: Date,
): Promise<DigestClient[]> {
  const rows = await db
    .selectFrom("client_profile as p")
    .innerJoin("user as u", "u.id", "p.user_id")
    .leftJoin("entry as n", (j) =>
      j
        .onRef("n.client_id", "=", "p.user_id")
        .on("n.status", "=", "complete")
        .on("n.completed_at", ">=", from)
        .on("n.completed_at", "<", to)
        .on((eb) =>
          eb.or([eb("n.shared_at", "is not", null), eb("p.share_practice_log", "=", true)]),
        ),
    )
    .leftJoin("exercise_version as v", "v.id", "n.exercise_version_id")
    .select([
      "p.user_id as clientId",
      "u.name",
      "n.id as entryId",
      "n.completed_at as completedAt",
      "n.shared_at as sharedAt",
      "n.flagged_for_session as flagged",
      sql<string | null>`v.definition->>'title'`.as("exerciseTitle"),
    ])
    .where("p.therapist_id", "=", therapistId)
    .orderBy("u.name")
    .orderBy("n.completed_at")
    .execute();
  const byClient = new Map<string, DigestClient>();
  for (const r of rows) {
    const c = byClient.get(r.clientId) ?? {
      clientId: r.clientId,
      name: r.name,
      practiceCount: 0,
      flagged: [],
    };
    if (r.entryId) {
      c.practiceCount += 1;
      if (r.sharedAt && r.flagged && r.exerciseTitle && r.completedAt)
        c.flagged.push({ exerciseTitle: r.exerciseTitle, completedAt: r.completedAt });
    }
    byClient.set(r.clientId, c);
  }
  return [...byClient.values()];
}

// ── At send time ────────────────────────────────────────────────────────────

/** Whether a person still wants each kind of scheduled email (checked again just before sending). */
export type EmailPreferences = {
  reminderEmails: boolean;
  remindersPausedUntil: Date | null;
  summaryEmails: boolean;
  quoteWords: boolean;
  digestEmails: boolean;
};

export async function findEmailPreferences(
  db: Db,
  userId: string,
): Promise<EmailPreferences | undefined> {
  const row = await db
    .selectFrom("user as u")
    .leftJoin("client_profile as p", "p.user_id", "u.id")
    .leftJoin("therapist_settings as s", "s.user_id", "u.id")
    .select([
      "p.reminder_emails as reminderEmails",
      "p.reminders_paused_until as remindersPausedUntil",
      "p.summary_emails as summaryEmails",
      "p.quote_words_in_summary as quoteWords",
      "s.digest_emails as digestEmails",
    ])
    .where("u.id", "=", userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    reminderEmails: row.reminderEmails === true,
    remindersPausedUntil: row.remindersPausedUntil ?? null,
    summaryEmails: row.summaryEmails === true,
    quoteWords: row.quoteWords === true,
    digestEmails: row.digestEmails === true,
  };
}

/** `findEmailPreferences` for many people at once (one query); people not found are left out. */
export async function findEmailPreferencesOf(
  db: Db,
  userIds: string[],
): Promise<Map<string, EmailPreferences>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("user as u")
    .leftJoin("client_profile as p", "p.user_id", "u.id")
    .leftJoin("therapist_settings as s", "s.user_id", "u.id")
    .select([
      "u.id as userId",
      "p.reminder_emails as reminderEmails",
      "p.reminders_paused_until as remindersPausedUntil",
      "p.summary_emails as summaryEmails",
      "p.quote_words_in_summary as quoteWords",
      "s.digest_emails as digestEmails",
    ])
    .where("u.id", "in", [...new Set(userIds)])
    .execute();
  return new Map(
    rows.map((row) => [
      row.userId,
      {
        reminderEmails: row.reminderEmails === true,
        remindersPausedUntil: row.remindersPausedUntil ?? null,
        summaryEmails: row.summaryEmails === true,
        quoteWords: row.quoteWords === true,
        digestEmails: row.digestEmails === true,
      },
    ]),
  );
}

/**
 * The encrypted words of some of one client's completed entries, for quoting in that client's
 * own summary. Entries of anyone else are never returned, whatever ids are asked for.
 */
export async function listEntryWordsOfClient(
  db: Db,
  clientId: string,
  entryIds: string[],
): Promise<Array<{ id: string; wordsCiphertext: string }>> {
  if (entryIds.length === 0) return [];
  const rows = await db
    .selectFrom("entry")
    .select(["id", "words_ciphertext as wordsCiphertext"])
    .where("client_id", "=", clientId)
    .where("status", "=", "complete")
    .where("id", "in", entryIds)
    .where("words_ciphertext", "is not", null)
    .orderBy("completed_at")
    .execute();
  return rows as Array<{ id: string; wordsCiphertext: string }>;
}

/**
 * `listEntryWordsOfClient` for several clients at once (one query): each client gets only its
 * own entries, whatever ids are asked for, oldest first.
 */
export async function listEntryWordsOfClients(
  db: Db,
  wanted: Array<{ clientId: string; entryIds: string[] }>,
): Promise<Map<string, Array<{ id: string; wordsCiphertext: string }>>> {
  const ids: string[] = [];
  const clients: string[] = [];
  for (const w of wanted)
    for (const id of w.entryIds) {
      ids.push(id);
      clients.push(w.clientId);
    }
  const byClient = new Map<string, Array<{ id: string; wordsCiphertext: string }>>();
  if (ids.length === 0) return byClient;
  const { rows } = await sql<{ id: string; clientId: string; wordsCiphertext: string }>`
    select e.id, e.client_id as "clientId", e.words_ciphertext as "wordsCiphertext"
      from unnest(${ids}::uuid[], ${clients}::text[]) as w(id, client)
      join entry e on e.id = w.id and e.client_id = w.client
     where e.status = 'complete' and e.words_ciphertext is not null
     order by e.completed_at`.execute(db);
  for (const r of rows) {
    const list = byClient.get(r.clientId) ?? [];
    list.push({ id: r.id, wordsCiphertext: r.wordsCiphertext });
    byClient.set(r.clientId, list);
  }
  return byClient;
}
