import { recordAudit } from "@tend/db";
import { z } from "zod";
import { ownClientProcedure } from "../../init.ts";

/** One of the therapist's own clients. Opening it is written to the audit log the client can read. */
export const getClient = ownClientProcedure
  .output(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      timeZone: z.string(),
      joinedAt: z.date(),
    }),
  )
  .query(async ({ ctx }) => {
    await recordAudit(ctx.db, {
      action: "client_data_viewed",
      actorUserId: ctx.therapist.id,
      subjectUserId: ctx.ownClient.id,
      ip: ctx.ip,
      detail: { what: "profile" },
    });
    return ctx.ownClient;
  });
