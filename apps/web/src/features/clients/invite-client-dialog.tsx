import { Dialog } from "@tend/ui";
import { InviteClientForm } from "./invite-client-form.tsx";

/** "Invite a client": a modal with name and email; the invitation email goes out at once. */
export function InviteClientDialog({
  open,
  onClose,
  onSent,
}: {
  open: boolean;
  onClose: () => void;
  onSent: (name: string, email: string) => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Invite a client"
      description="We'll email them a link to join. It works for 7 days, and you can send it again any time."
    >
      <InviteClientForm onSent={onSent} onCancel={onClose} />
    </Dialog>
  );
}
