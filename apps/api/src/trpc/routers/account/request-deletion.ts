import { AppError } from "@tend/core";
import { deleteOtherSessions, recordAudit, requestClientDeletion } from "@tend/db";
import { clientProcedure } from "../../init.ts";
import { deletionStatus, deletionStatusDto } from "./dto.ts";

/**
 * Ask for the account and everything in it to be deleted. Nothing goes for 7 days, and the
 * client can change their mind until then; other devices are signed out now, this one stays.
 */
export const requestDeletion = clientProcedure
  .output(deletionStatusDto)
  .mutation(async ({ ctx }) => {
    const requestedAt = await ctx.db.transaction().execute(async (trx) => {
      const at = await requestClientDeletion(trx, ctx.client.id, new Date());
      if (!at) throw new AppError("NOT_FOUND", "We could not find your account.");
      await deleteOtherSessions(trx, ctx.client.id, ctx.viewer.sessionId);
      await recordAudit(trx, {
        action: "account_deletion_requested",
        actorUserId: ctx.client.id,
        subjectUserId: ctx.client.id,
        ip: ctx.ip,
      });
      return at;
    });
    return deletionStatus(requestedAt);
  });
