import { AppError } from "@tend/core";
import {
  createInvitation,
  type Db,
  enqueueEmail,
  findInvitationForTherapist,
  hitRateLimit,
  type InvitationRow,
  type InvitationSummary,
  invitationState,
  listInvitations,
  recordAudit,
  renewInvitationToken,
  revokeInvitation,
} from "@tend/db";
import {
  hashInvitationToken,
  invitationExpiry,
  invitationUrl,
  newInvitationToken,
} from "./token.ts";

export type Therapist = { id: string; name: string };
type Ctx = { db: Db; publicUrl: string; ip: string | null };

const INVITES_PER_HOUR = 30;

async function limitInvites({ db, ip }: Ctx, therapistId: string) {
  for (const key of [`invite:${therapistId}`, `invite-ip:${ip ?? "unknown"}`]) {
    const r = await hitRateLimit(db, key, INVITES_PER_HOUR, 60 * 60);
    if (!r.allowed)
      throw new AppError(
        "RATE_LIMITED",
        "That is a lot of invitations in a short time. Please wait a little and try again.",
      );
  }
}

function summaryOf(row: InvitationRow): InvitationSummary {
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

/**
 * Invite a client by name and email. The answer is the same whether or not the address
 * already has an account (nothing here looks it up); acceptance deals with that.
 */
export async function sendInvitation(
  ctx: Ctx,
  therapist: Therapist,
  input: { name: string; email: string },
) {
  await limitInvites(ctx, therapist.id);
  const token = newInvitationToken();
  const expiresAt = invitationExpiry();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await createInvitation(trx, {
      therapistId: therapist.id,
      name: input.name,
      email: input.email.toLowerCase(),
      tokenHash: hashInvitationToken(token),
      expiresAt,
    });
    await queueInvitationEmail(trx, ctx, therapist, row, token, { resend: false });
    return summaryOf(row);
  });
}

/**
 * The invitation email (one per sending: the key counts sends) and its audit line, in the
 * transaction that created or renewed the token.
 */
async function queueInvitationEmail(
  trx: Db,
  ctx: Ctx,
  therapist: Therapist,
  row: InvitationRow,
  token: string,
  { resend }: { resend: boolean },
) {
  await enqueueEmail(trx, {
    idempotencyKey: `invite:${row.id}:${row.sent_count}`,
    template: "invite",
    to: row.email,
    data: {
      therapistName: therapist.name,
      clientName: row.name,
      url: invitationUrl(ctx.publicUrl, token),
      expiresAt: row.expires_at.toISOString(),
    },
  });
  await recordAudit(trx, {
    action: "invitation_sent",
    actorUserId: therapist.id,
    ip: ctx.ip,
    detail: resend ? { invitationId: row.id, resend: true } : { invitationId: row.id },
  });
}

/** Send again with a fresh link; the previous link stops working. */
export async function resendInvitation(ctx: Ctx, therapist: Therapist, id: string) {
  await limitInvites(ctx, therapist.id);
  const token = newInvitationToken();
  const expiresAt = invitationExpiry();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await renewInvitationToken(
      trx,
      therapist.id,
      id,
      hashInvitationToken(token),
      expiresAt,
    );
    if (!row) {
      const exists = await findInvitationForTherapist(trx, therapist.id, id);
      if (!exists) throw new AppError("NOT_FOUND", "We could not find that invitation.");
      throw new AppError(
        "CONFLICT",
        "This invitation was already accepted or withdrawn, so it cannot be sent again.",
      );
    }
    await queueInvitationEmail(trx, ctx, therapist, row, token, { resend: true });
    return summaryOf(row);
  });
}

export async function withdrawInvitation(ctx: Ctx, therapist: Therapist, id: string) {
  const done = await revokeInvitation(ctx.db, therapist.id, id);
  if (!done) {
    const exists = await findInvitationForTherapist(ctx.db, therapist.id, id);
    if (!exists) throw new AppError("NOT_FOUND", "We could not find that invitation.");
    throw new AppError("CONFLICT", "This invitation was already accepted or withdrawn.");
  }
  await recordAudit(ctx.db, {
    action: "invitation_revoked",
    actorUserId: therapist.id,
    ip: ctx.ip,
    detail: { invitationId: id },
  });
}

export { listInvitations };
