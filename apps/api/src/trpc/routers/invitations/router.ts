import { router } from "../../init.ts";
import { previewInvitation } from "./preview-invitation.ts";
import { resendInvitation } from "./resend-invitation.ts";
import { revokeInvitation } from "./revoke-invitation.ts";
import { sendInvitation } from "./send-invitation.ts";

export const invitationsRouter = router({
  send: sendInvitation,
  resend: resendInvitation,
  revoke: revokeInvitation,
  preview: previewInvitation,
});
