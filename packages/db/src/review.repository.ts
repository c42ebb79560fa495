import type { Db } from "./create-db.ts";
import type { EntryFactsWithFlags } from "./summary.repository.ts";

export type ProgressEntry = EntryFactsWithFlags & {
  slug: string | null;
  wordsCiphertext: string | null;
};

/**
 * Completed entries of a client in [from, to] for progress views. `sharedOnly` is how a
 * therapist's view is built: ratings and words of private entries never leave the database.
 */
export async function listProgressEntries(
  db: Db,
  clientId: string,
  { from, to, sharedOnly }: { from: Date; to: Date; sharedOnly: boolean },
): Promise<ProgressEntry[]> {
  let q = db
    .selectFrom("entry as n")
    .innerJoin("exercise_version as v", "v.id", "n.exercise_version_id")
    .innerJoin("exercise as e", "e.id", "v.exercise_id")
    .select([
      "n.id",
      "n.completed_at",
      "n.measures",
      "v.definition",
      "e.slug",
      "n.shared_at",
      "n.flagged_for_session",
      "n.words_ciphertext",
    ])
    .where("n.client_id", "=", clientId)
    .where("n.status", "=", "complete")
    .where("n.completed_at", ">=", from)
    .where("n.completed_at", "<=", to);
  if (sharedOnly) q = q.where("n.shared_at", "is not", null);
  const rows = await q.orderBy("n.completed_at").execute();
  return rows.map((r) => ({
    id: r.id,
    completedAt: r.completed_at!,
    exerciseTitle: r.definition.title,
    definition: r.definition,
    measures: r.measures,
    shared: r.shared_at !== null,
    flagged: r.flagged_for_session,
    hasWords: r.words_ciphertext !== null,
    slug: r.slug,
    wordsCiphertext: r.words_ciphertext,
  }));
}

/** When a client practised, as far as their therapist may know: shared entries, plus private ones if allowed. */
export async function listCompletionTimesForTherapist(
  db: Db,
  therapistId: string,
  clientId: string,
  from: Date,
  to: Date,
) {
  const rows = await db
    .selectFrom("entry as n")
    .innerJoin("client_profile as p", "p.user_id", "n.client_id")
    .select(["n.completed_at"])
    .where("p.therapist_id", "=", therapistId)
    .where("n.client_id", "=", clientId)
    .where("n.status", "=", "complete")
    .where("n.completed_at", ">=", from)
    .where("n.completed_at", "<=", to)
    .where((eb) =>
      eb.or([eb("n.shared_at", "is not", null), eb("p.share_practice_log", "=", true)]),
    )
    .execute();
  return rows.map((r) => ({ completedAt: r.completed_at! }));
}

// ── Session notes (therapist-only) ───────────────────────────────────────────

export async function upsertSessionNote(
  db: Db,
  v: {
    id: string;
    therapistId: string;
    clientId: string;
    sessionDate: string;
    noteCiphertext: string;
  },
): Promise<string> {
  const row = await db
    .insertInto("session_note")
    .values({
      id: v.id,
      therapist_id: v.therapistId,
      client_id: v.clientId,
      session_date: v.sessionDate,
      note_ciphertext: v.noteCiphertext,
    })
    .onConflict((oc) =>
      oc
        .columns(["therapist_id", "client_id", "session_date"])
        .doUpdateSet({ note_ciphertext: v.noteCiphertext, updated_at: new Date() }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listSessionNotes(db: Db, therapistId: string, clientId: string) {
  return db
    .selectFrom("session_note")
    .select([
      "id",
      "session_date as sessionDate",
      "note_ciphertext as noteCiphertext",
      "updated_at as updatedAt",
    ])
    .where("therapist_id", "=", therapistId)
    .where("client_id", "=", clientId)
    .orderBy("session_date", "desc")
    .execute();
}

/** The most recent session date strictly before `today` (the review covers what came after it). */
export async function lastSessionDate(
  db: Db,
  therapistId: string,
  clientId: string,
  today: string,
): Promise<string | null> {
  const r = await db
    .selectFrom("session_note")
    .select("session_date")
    .where("therapist_id", "=", therapistId)
    .where("client_id", "=", clientId)
    .where("session_date", "<", today)
    .orderBy("session_date", "desc")
    .executeTakeFirst();
  return r?.session_date ?? null;
}

// ── The note for the week (visible to the client) ───────────────────────────

export async function setWeekNote(
  db: Db,
  therapistId: string,
  clientId: string,
  ciphertext: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable("client_profile")
    .set({ week_note_ciphertext: ciphertext, week_note_updated_at: new Date() })
    .where("user_id", "=", clientId)
    .where("therapist_id", "=", therapistId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function getWeekNote(db: Db, clientId: string) {
  return db
    .selectFrom("client_profile")
    .select(["week_note_ciphertext as ciphertext", "week_note_updated_at as updatedAt"])
    .where("user_id", "=", clientId)
    .executeTakeFirst();
}
