import { randomUUID } from "node:crypto";
import { AppError } from "@tend/core";
import {
  createClientUser,
  type Db,
  enqueueEmail,
  findInvitationByTokenHash,
  findUserByEmail,
  invitationState,
  markInvitationAccepted,
  recordAudit,
} from "@tend/db";
import { hashPassword, passwordProblem } from "../auth/password.ts";
import { hashInvitationToken } from "./token.ts";

export const INVITATION_UNUSABLE =
  "This invitation link has expired or has already been used. Please ask your therapist to send a new one.";

export type AcceptInvitationInput = {
  token: string;
  name: string;
  timeZone: string;
  password?: string | undefined;
};

/**
 * Turn an invitation into a client account linked to the therapist, in one transaction:
 * the token is checked and spent, the account and link are created, the therapist is told.
 */
export async function acceptInvitation(db: Db, input: AcceptInvitationInput, ip: string | null) {
  if (input.password) {
    const problem = passwordProblem(input.password);
    if (problem) throw new AppError("BAD_INPUT", problem);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.transaction().execute(async (trx) => {
    const invitation = await findInvitationByTokenHash(trx, hashInvitationToken(input.token), {
      lock: true,
    });
    if (!invitation || invitationState(invitation) !== "pending")
      throw new AppError("NOT_FOUND", INVITATION_UNUSABLE);
    if (await findUserByEmail(trx, invitation.email)) {
      throw new AppError(
        "CONFLICT",
        "There is already a Tend account for this email address. Please sign in instead.",
      );
    }
    const userId = randomUUID();
    await createClientUser(trx, {
      id: userId,
      name: input.name,
      email: invitation.email,
      therapistId: invitation.therapist_id,
      timeZone: input.timeZone,
      passwordHash,
    });
    await markInvitationAccepted(trx, invitation.id, userId);
    await enqueueEmail(trx, {
      idempotencyKey: `client-joined:${invitation.id}`,
      template: "client-joined",
      to: invitation.therapistEmail,
      data: { clientName: input.name },
    });
    await recordAudit(trx, {
      action: "invitation_accepted",
      actorUserId: userId,
      subjectUserId: userId,
      ip,
      detail: { invitationId: invitation.id },
    });
    return { userId };
  });
}

/** What the invitation page shows before the client sets up their account. */
export async function previewInvitation(db: Db, token: string) {
  const invitation = await findInvitationByTokenHash(db, hashInvitationToken(token));
  if (!invitation || invitationState(invitation) !== "pending")
    throw new AppError("NOT_FOUND", INVITATION_UNUSABLE);
  return {
    therapistName: invitation.therapistName,
    clientName: invitation.name,
    email: invitation.email,
  };
}
