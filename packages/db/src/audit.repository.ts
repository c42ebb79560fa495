import type { Db } from "./create-db.ts";

export type AuditAction =
  | "sign_in"
  | "sign_in_failed"
  | "sign_out"
  | "client_data_viewed"
  | "invitation_sent"
  | "invitation_revoked"
  | "invitation_accepted"
  | "password_changed"
  | "account_deletion_requested"
  | "account_deletion_cancelled"
  | "account_deleted";

export type AuditEvent = {
  action: AuditAction;
  actorUserId?: string | null;
  subjectUserId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

/** Append to the audit log. Never put a client's words or a secret in `detail`. */
export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_event")
    .values({
      action: event.action,
      actor_user_id: event.actorUserId ?? null,
      subject_user_id: event.subjectUserId ?? null,
      ip: event.ip ?? null,
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}

export type AccessRecord = { at: Date; viewerName: string; viewerRole: string; what: string };

/** Who opened this client's data, newest first (shown to the client). */
export async function listAccessToClient(
  db: Db,
  clientUserId: string,
  limit = 100,
): Promise<AccessRecord[]> {
  const rows = await db
    .selectFrom("audit_event as a")
    .innerJoin("user as u", "u.id", "a.actor_user_id")
    .select(["a.at", "u.name as viewerName", "u.role as viewerRole", "a.detail"])
    .where("a.subject_user_id", "=", clientUserId)
    .where("a.action", "=", "client_data_viewed")
    .orderBy("a.at", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    at: r.at,
    viewerName: r.viewerName,
    viewerRole: r.viewerRole,
    what: typeof r.detail.what === "string" ? r.detail.what : "your practice",
  }));
}
