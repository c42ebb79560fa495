import { setWeekNote as save } from "@tend/db";
import { z } from "zod";
import { ownClientProcedure } from "../../init.ts";

/** "A note for the week", written together in session; the client sees it on Today. */
export const setWeekNote = ownClientProcedure
  .input(z.object({ note: z.string().trim().max(2000) }))
  .output(z.object({ note: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const clientId = ctx.ownClient.id;
    const ciphertext = input.note ? ctx.cipher.encrypt(input.note, `week-note:${clientId}`) : null;
    await save(ctx.db, ctx.therapist.id, clientId, ciphertext);
    return { note: input.note };
  });
