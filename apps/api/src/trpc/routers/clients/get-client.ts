import { AppError } from "@tend/core";
import { findClientOfTherapist, recordAudit } from "@tend/db";
import { z } from "zod";
import { therapistProcedure } from "../../init.ts";

/** One of the therapist's own clients. Opening it is written to the audit log the client can read. */
export const getClient = therapistProcedure
  .input(z.object({ clientId: z.string().min(1).max(64) }).strict())
  .output(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      timeZone: z.string(),
      joinedAt: z.date(),
    }),
  )
  .query(async ({ ctx, input }) => {
    const client = await findClientOfTherapist(ctx.db, ctx.therapist.id, input.clientId);
    if (!client) throw new AppError("NOT_FOUND", "We could not find that client.");
    await recordAudit(ctx.db, {
      action: "client_data_viewed",
      actorUserId: ctx.therapist.id,
      subjectUserId: client.id,
      ip: ctx.ip,
      detail: { what: "profile" },
    });
    return client;
  });
