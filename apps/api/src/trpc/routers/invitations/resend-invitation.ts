import { resendInvitation as resend } from "../../../invitations/send-invitation.ts";
import { therapistProcedure } from "../../init.ts";
import { invitationDto, invitationIdInput } from "./dto.ts";

export const resendInvitation = therapistProcedure
  .input(invitationIdInput)
  .output(invitationDto)
  .mutation(({ ctx, input }) =>
    resend({ db: ctx.db, publicUrl: ctx.config.PUBLIC_URL, ip: ctx.ip }, ctx.therapist, input.id),
  );
