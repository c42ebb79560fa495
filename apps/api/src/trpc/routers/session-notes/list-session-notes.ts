import { listSessionNotes as list } from "@tend/db";
import { z } from "zod";
import { ownClientProcedure } from "../../init.ts";

/** The therapist's private notes for one client, newest session first. Never shown to the client. */
export const listSessionNotes = ownClientProcedure
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
  .query(async ({ ctx }) => {
    const clientId = ctx.ownClient.id;
    const rows = await list(ctx.db, ctx.therapist.id, clientId);
    return rows.map((r) => ({
      id: r.id,
      sessionDate: r.sessionDate,
      note: ctx.cipher.decrypt(r.noteCiphertext, `session-note:${clientId}:${r.sessionDate}`),
      updatedAt: r.updatedAt,
    }));
  });
