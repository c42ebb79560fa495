import { z } from "zod";
import { sendInvitation as send } from "../../../invitations/send-invitation.ts";
import { therapistProcedure } from "../../init.ts";
import { invitationDto } from "./dto.ts";

export const sendInvitation = therapistProcedure
  .input(
    z
      .object({
        name: z.string().trim().min(1, "Please add the client's name.").max(100),
        email: z.string().trim().toLowerCase().email("Please check the email address.").max(320),
      })
      .strict(),
  )
  .output(invitationDto)
  .mutation(({ ctx, input }) =>
    send({ db: ctx.db, publicUrl: ctx.config.PUBLIC_URL, ip: ctx.ip }, ctx.therapist, input),
  );
