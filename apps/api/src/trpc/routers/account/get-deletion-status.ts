import { findClientDeletionRequest } from "@tend/db";
import { clientProcedure } from "../../init.ts";
import { deletionStatus, deletionStatusDto } from "./dto.ts";

/** Whether deletion is pending, and when it happens. */
export const getDeletionStatus = clientProcedure
  .output(deletionStatusDto)
  .query(async ({ ctx }) => deletionStatus(await findClientDeletionRequest(ctx.db, ctx.client.id)));
