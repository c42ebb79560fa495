import { randomUUID } from "node:crypto";
import { localDateSchema } from "@tend/core";
import { upsertSessionNote } from "@tend/db";
import { z } from "zod";
import { ownClientProcedure } from "../../init.ts";

/** Write (or rewrite) the private note of one session date. Encrypted at rest. */
export const saveSessionNote = ownClientProcedure
  .input(z.object({ sessionDate: localDateSchema, note: z.string().trim().min(1).max(20_000) }))
  .output(z.object({ id: z.string().uuid(), sessionDate: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const clientId = ctx.ownClient.id;
    const id = await upsertSessionNote(ctx.db, {
      id: randomUUID(),
      therapistId: ctx.therapist.id,
      clientId,
      sessionDate: input.sessionDate,
      // Bound to client and date (the row id may be an older one on rewrite).
      noteCiphertext: ctx.cipher.encrypt(
        input.note,
        `session-note:${clientId}:${input.sessionDate}`,
      ),
    });
    return { id, sessionDate: input.sessionDate };
  });
