import { sql } from "kysely";
import type { Db } from "./create-db.ts";
import type { InvitationRow } from "./database.ts";

export type InvitationState = "pending" | "expired" | "accepted" | "revoked";

export type InvitationSummary = {
  id: string;
  name: string;
  email: string;
  state: InvitationState;
  expiresAt: Date;
  lastSentAt: Date;
  sentCount: number;
  acceptedAt: Date | null;
  clientUserId: string | null;
};

export function invitationState(
  row: Pick<InvitationRow, "accepted_at" | "revoked_at" | "expires_at">,
  now = new Date(),
): InvitationState {
  if (row.accepted_at) return "accepted";
  if (row.revoked_at) return "revoked";
  return row.expires_at <= now ? "expired" : "pending";
}

function toSummary(row: InvitationRow): InvitationSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    state: invitationState(row),
    expiresAt: row.expires_at,
    lastSentAt: row.last_sent_at,
    sentCount: row.sent_count,
    acceptedAt: row.accepted_at,
    clientUserId: row.client_user_id,
  };
}

export async function createInvitation(
  db: Db,
  values: { therapistId: string; name: string; email: string; tokenHash: string; expiresAt: Date },
): Promise<InvitationRow> {
  return db
    .insertInto("invitation")
    .values({
      therapist_id: values.therapistId,
      name: values.name,
      email: values.email,
      token_hash: values.tokenHash,
      expires_at: values.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A therapist's invitations, newest first. Scoped to the therapist in the query itself. */
export async function listInvitations(db: Db, therapistId: string): Promise<InvitationSummary[]> {
  const rows = await db
    .selectFrom("invitation")
    .selectAll()
    .where("therapist_id", "=", therapistId)
    .orderBy("created_at", "desc")
    .execute();
  return rows.map(toSummary);
}

export async function findInvitationForTherapist(
  db: Db,
  therapistId: string,
  id: string,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom("invitation")
    .selectAll()
    .where("id", "=", id)
    .where("therapist_id", "=", therapistId)
    .executeTakeFirst();
}

/** Resend: a new token replaces the old one (which stops working) and the 7 days start again. */
export async function renewInvitationToken(
  db: Db,
  therapistId: string,
  id: string,
  tokenHash: string,
  expiresAt: Date,
): Promise<InvitationRow | undefined> {
  return db
    .updateTable("invitation")
    .set({
      token_hash: tokenHash,
      expires_at: expiresAt,
      last_sent_at: new Date(),
      sent_count: sql`sent_count + 1`,
    })
    .where("id", "=", id)
    .where("therapist_id", "=", therapistId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

export async function revokeInvitation(db: Db, therapistId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable("invitation")
    .set({ revoked_at: new Date() })
    .where("id", "=", id)
    .where("therapist_id", "=", therapistId)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The invitation a token opens, with its therapist's name, whatever its state. */
export async function findInvitationByTokenHash(db: Db, tokenHash: string, { lock = false } = {}) {
  let q = db
    .selectFrom("invitation as i")
    .innerJoin("user as t", "t.id", "i.therapist_id")
    .selectAll("i")
    .select(["t.name as therapistName", "t.email as therapistEmail"])
    .where("i.token_hash", "=", tokenHash);
  if (lock) q = q.forUpdate("i");
  return q.executeTakeFirst();
}

export async function markInvitationAccepted(
  db: Db,
  id: string,
  clientUserId: string,
): Promise<void> {
  await db
    .updateTable("invitation")
    .set({ accepted_at: new Date(), client_user_id: clientUserId })
    .where("id", "=", id)
    .execute();
}
