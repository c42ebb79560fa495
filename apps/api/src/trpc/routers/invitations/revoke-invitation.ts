import { z } from "zod";
import { withdrawInvitation } from "../../../invitations/send-invitation.ts";
import { therapistProcedure } from "../../init.ts";
import { invitationIdInput } from "./dto.ts";

export const revokeInvitation = therapistProcedure
  .input(invitationIdInput)
  .output(z.object({ ok: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await withdrawInvitation(
      { db: ctx.db, publicUrl: ctx.config.PUBLIC_URL, ip: ctx.ip },
      ctx.therapist,
      input.id,
    );
    return { ok: true as const };
  });
