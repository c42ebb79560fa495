import { EmptyState } from "@tend/ui";
import { InvitationRow, type InvitationSummary } from "./invitation-row.tsx";

export function InvitationList({
  invitations,
  onDone,
}: {
  invitations: readonly InvitationSummary[];
  onDone: (message: string) => void;
}) {
  if (invitations.length === 0)
    return <EmptyState>No invitations yet. “Invite a client” sends the first one.</EmptyState>;
  return (
    <ul className="tend-rows" aria-label="Invitations">
      {invitations.map((invitation) => (
        <InvitationRow key={invitation.id} invitation={invitation} onDone={onDone} />
      ))}
    </ul>
  );
}
