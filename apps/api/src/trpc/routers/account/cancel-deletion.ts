import { cancelClientDeletion, recordAudit } from "@tend/db";
import { clientProcedure } from "../../init.ts";
import { deletionStatus, deletionStatusDto } from "./dto.ts";

/** Keep the account after all. Nothing was deleted; everything stays as it was. */
export const cancelDeletion = clientProcedure
  .output(deletionStatusDto)
  .mutation(async ({ ctx }) => {
    if (await cancelClientDeletion(ctx.db, ctx.client.id)) {
      await recordAudit(ctx.db, {
        action: "account_deletion_cancelled",
        actorUserId: ctx.client.id,
        subjectUserId: ctx.client.id,
        ip: ctx.ip,
      });
    }
    return deletionStatus(null);
  });
