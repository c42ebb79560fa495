import { randomUUID } from "node:crypto";
import { AppError, localDateSchema } from "@tend/core";
import { findClientOfTherapist, upsertSessionNote } from "@tend/db";
import { z } from "zod";
import { therapistProcedure } from "../../init.ts";

/** Write (or rewrite) the private note of one session date. Encrypted at rest. */
export const saveSessionNote = therapistProcedure
  .input(
    z
      .object({
        clientId: z.string().min(1).max(64),
        sessionDate: localDateSchema,
        note: z.string().trim().min(1).max(20_000),
      })
      .strict(),
  )
  .output(z.object({ id: z.string().uuid(), sessionDate: z.string() }))
  .mutation(async ({ ctx, input }) => {
    if (!(await findClientOfTherapist(ctx.db, ctx.therapist.id, input.clientId)))
      throw new AppError("NOT_FOUND", "We could not find that client.");
    const id = await upsertSessionNote(ctx.db, {
      id: randomUUID(),
      therapistId: ctx.therapist.id,
      clientId: input.clientId,
      sessionDate: input.sessionDate,
      // Bound to client and date (the row id may be an older one on rewrite).
      noteCiphertext: ctx.cipher.encrypt(
        input.note,
        `session-note:${input.clientId}:${input.sessionDate}`,
      ),
    });
    return { id, sessionDate: input.sessionDate };
  });
