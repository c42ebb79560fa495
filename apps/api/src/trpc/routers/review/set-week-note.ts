import { AppError } from "@tend/core";
import { setWeekNote as save } from "@tend/db";
import { z } from "zod";
import { therapistProcedure } from "../../init.ts";

/** "A note for the week", written together in session; the client sees it on Today. */
export const setWeekNote = therapistProcedure
  .input(
    z.object({ clientId: z.string().min(1).max(64), note: z.string().trim().max(2000) }).strict(),
  )
  .output(z.object({ note: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const ciphertext = input.note
      ? ctx.cipher.encrypt(input.note, `week-note:${input.clientId}`)
      : null;
    if (!(await save(ctx.db, ctx.therapist.id, input.clientId, ciphertext)))
      throw new AppError("NOT_FOUND", "We could not find that client.");
    return { note: input.note };
  });
