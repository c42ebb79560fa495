export type InvitationState = "pending" | "expired" | "accepted" | "revoked";

/** Plain words for where an invitation stands. */
export const invitationStateLabel: Record<InvitationState, string> = {
  pending: "Invited",
  expired: "Link expired",
  accepted: "Accepted",
  revoked: "Withdrawn",
};

/** Whether the therapist can still send it again or withdraw it. */
export function isOpen(state: InvitationState): boolean {
  return state === "pending" || state === "expired";
}
