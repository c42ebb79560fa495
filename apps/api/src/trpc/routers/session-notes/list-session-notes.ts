import { AppError } from "@tend/core";
import { findClientOfTherapist, listSessionNotes as list } from "@tend/db";
import { z } from "zod";
import { therapistProcedure } from "../../init.ts";

/** The therapist's private notes for one client, newest session first. Never shown to the client. */
export const listSessionNotes = therapistProcedure
  .input(z.object({ clientId: z.string().min(1).max(64) }).strict())
  .output(
    z.array(
      z.object({
        id: z.string().uuid(),
        sessionDate: z.string(),
        note: z.string(),
        updatedAt: z.date(),
      }),
    ),
  )
  .query(async ({ ctx, input }) => {
    if (!(await findClientOfTherapist(ctx.db, ctx.therapist.id, input.clientId)))
      throw new AppError("NOT_FOUND", "We could not find that client.");
    const rows = await list(ctx.db, ctx.therapist.id, input.clientId);
    return rows.map((r) => ({
      id: r.id,
      sessionDate: r.sessionDate,
      note: ctx.cipher.decrypt(r.noteCiphertext, `session-note:${input.clientId}:${r.sessionDate}`),
      updatedAt: r.updatedAt,
    }));
  });
