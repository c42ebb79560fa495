import { z } from "zod";
import { previewInvitation as preview } from "../../../invitations/accept-invitation.ts";
import { publicProcedure } from "../../init.ts";

/** What an invitation link opens: who invited whom. Needs the token itself. */
export const previewInvitation = publicProcedure
  .input(z.object({ token: z.string().min(20).max(200) }).strict())
  .output(z.object({ therapistName: z.string(), clientName: z.string(), email: z.string() }))
  .query(({ ctx, input }) => preview(ctx.db, input.token));
