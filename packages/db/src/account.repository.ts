import { sql } from "kysely";
import type { Db } from "./create-db.ts";
import { enqueueEmail } from "./outbox.repository.ts";

/** How long a client can change their mind after asking for their account to be deleted. */
export const DELETION_GRACE_DAYS = 7;
const DAY_MS = 24 * 3600_000;

// ── Account deletion ────────────────────────────────────────────────────────

/**
 * Ask for the client's account to be deleted. Asking again while a request is pending keeps
 * the first date (the grace period does not restart). Returns when it was asked, or
 * undefined when there is no such client.
 */
export async function requestClientDeletion(
  db: Db,
  clientId: string,
  now: Date,
): Promise<Date | undefined> {
  const row = await db
    .updateTable("client_profile")
    .set({ deletion_requested_at: sql<Date>`coalesce(deletion_requested_at, ${now})` })
    .where("user_id", "=", clientId)
    .returning("deletion_requested_at")
    .executeTakeFirst();
  return row?.deletion_requested_at ?? undefined;
}

/** The client changed their mind. Returns whether a pending request was cancelled. */
export async function cancelClientDeletion(db: Db, clientId: string): Promise<boolean> {
  const r = await db
    .updateTable("client_profile")
    .set({ deletion_requested_at: null })
    .where("user_id", "=", clientId)
    .where("deletion_requested_at", "is not", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findClientDeletionRequest(db: Db, clientId: string): Promise<Date | null> {
  const row = await db
    .selectFrom("client_profile")
    .select("deletion_requested_at")
    .where("user_id", "=", clientId)
    .executeTakeFirst();
  return row?.deletion_requested_at ?? null;
}

/** When a request made at `requestedAt` is carried out. */
export function deletionDueAt(requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + DELETION_GRACE_DAYS * DAY_MS);
}

/** Sign a person out everywhere except the session they are using. Returns how many ended. */
export async function deleteOtherSessions(
  db: Db,
  userId: string,
  keepSessionId: string,
): Promise<number> {
  const r = await db
    .deleteFrom("session")
    .where("userId", "=", userId)
    .where("id", "!=", keepSessionId)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export type PurgedClient = { clientId: string; therapistId: string };

/**
 * Delete, for good, every client whose deletion was asked for more than the grace period
 * before `now`. Per client, in one transaction: the user row goes (cascades remove the
 * profile, entries, assignments and their skips, session notes, sessions, accounts),
 * invitations and emails addressed to them go, the audit trail keeps only ids (no IP
 * addresses of theirs), and their therapist gets one `client-left` email (key
 * `client-left:<client id>`). Rows are claimed with SKIP LOCKED: safe with several workers,
 * and a client who cancels meanwhile is re-checked under the lock.
 */
export async function purgeDeletedClients(
  db: Db,
  now: Date,
  { limit = 100 }: { limit?: number } = {},
): Promise<PurgedClient[]> {
  const cutoff = new Date(now.getTime() - DELETION_GRACE_DAYS * DAY_MS);
  const purged: PurgedClient[] = [];
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom("client_profile as p")
        .innerJoin("user as u", "u.id", "p.user_id")
        .innerJoin("user as t", "t.id", "p.therapist_id")
        .select([
          "p.user_id as clientId",
          "p.therapist_id as therapistId",
          "u.name as clientName",
          "u.email as clientEmail",
          "t.email as therapistEmail",
        ])
        .where("p.deletion_requested_at", "is not", null)
        .where("p.deletion_requested_at", "<=", cutoff)
        .orderBy("p.deletion_requested_at")
        .limit(limit)
        .forUpdate("p")
        .skipLocked()
        .execute();
      for (const c of due) {
        await enqueueEmail(trx, {
          idempotencyKey: `client-left:${c.clientId}`,
          template: "client-left",
          to: c.therapistEmail,
          data: { clientName: c.clientName },
        });
        await trx
          .deleteFrom("invitation")
          .where((eb) =>
            eb.or([
              eb("client_user_id", "=", c.clientId),
              eb.and([
                eb("therapist_id", "=", c.therapistId),
                eb(sql`lower(email)`, "=", c.clientEmail.toLowerCase()),
              ]),
            ]),
          )
          .execute();
        await trx
          .deleteFrom("outbox")
          .where(sql`lower(to_address)`, "=", c.clientEmail.toLowerCase())
          .execute();
        await trx
          .deleteFrom("rate_limit_bucket")
          .where("key", "like", `%:${c.clientEmail.toLowerCase()}`)
          .execute();
        await trx
          .updateTable("audit_event")
          .set({ ip: null })
          .where((eb) =>
            eb.or([
              eb("actor_user_id", "=", c.clientId),
              eb.and([eb("subject_user_id", "=", c.clientId), eb("actor_user_id", "is", null)]),
            ]),
          )
          .execute();
        await trx.deleteFrom("user").where("id", "=", c.clientId).execute();
        await trx
          .insertInto("audit_event")
          .values({
            action: "account_deleted",
            actor_user_id: null,
            subject_user_id: c.clientId,
            ip: null,
            detail: JSON.stringify({ therapistId: c.therapistId }),
          })
          .execute();
      }
      return due.map((c) => ({ clientId: c.clientId, therapistId: c.therapistId }));
    });
    purged.push(...batch);
    if (batch.length < limit) return purged;
  }
}

// ── Private calendar feed ───────────────────────────────────────────────────

/** Store the sha256 of the client's calendar token (replacing any older one), or null to revoke. */
export async function setCalendarTokenHash(
  db: Db,
  clientId: string,
  tokenHash: string | null,
): Promise<boolean> {
  const r = await db
    .updateTable("client_profile")
    .set({ calendar_token_hash: tokenHash })
    .where("user_id", "=", clientId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function hasCalendarFeed(db: Db, clientId: string): Promise<boolean> {
  const row = await db
    .selectFrom("client_profile")
    .select("calendar_token_hash")
    .where("user_id", "=", clientId)
    .executeTakeFirst();
  return Boolean(row?.calendar_token_hash);
}

/** Whose feed a token hash opens. */
export async function findClientByCalendarTokenHash(
  db: Db,
  tokenHash: string,
): Promise<{ clientId: string; timeZone: string } | undefined> {
  return db
    .selectFrom("client_profile")
    .select(["user_id as clientId", "time_zone as timeZone"])
    .where("calendar_token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** "Not today" choices of a client between two instants (the calendar leaves those out). */
export async function listSkippedOccurrences(
  db: Db,
  clientId: string,
  from: Date,
  to: Date,
): Promise<Array<{ assignmentId: string; occurrenceAt: Date }>> {
  return db
    .selectFrom("reminder_skip as s")
    .innerJoin("assignment as a", "a.id", "s.assignment_id")
    .select(["s.assignment_id as assignmentId", "s.occurrence_at as occurrenceAt"])
    .where("a.client_id", "=", clientId)
    .where("s.occurrence_at", ">=", from)
    .where("s.occurrence_at", "<", to)
    .execute();
}
