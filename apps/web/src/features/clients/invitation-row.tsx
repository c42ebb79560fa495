import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, ConfirmDialog } from "@tend/ui";
import { useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { formatDate } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { type InvitationState, invitationStateLabel, isOpen } from "./invitation-state.ts";

export type InvitationSummary = {
  id: string;
  name: string;
  email: string;
  state: InvitationState;
  expiresAt: string | Date;
  lastSentAt: string | Date;
  sentCount: number;
};

function detailOf(invitation: InvitationSummary): string {
  const sent =
    invitation.sentCount > 1
      ? `Sent ${invitation.sentCount} times, last on ${formatDate(invitation.lastSentAt)}`
      : `Sent ${formatDate(invitation.lastSentAt)}`;
  if (invitation.state === "pending")
    return `${sent} · link works until ${formatDate(invitation.expiresAt)}`;
  return sent;
}

/** One invitation, where it stands, and (while open) "Send again" and "Withdraw", each confirmed. */
export function InvitationRow({
  invitation,
  onDone,
}: {
  invitation: InvitationSummary;
  onDone: (message: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<"resend" | "revoke" | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.clients.list.queryFilter());

  const resend = useMutation(
    trpc.invitations.resend.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setConfirming(null);
        onDone(`A fresh invitation is on its way to ${invitation.email}.`);
      },
    }),
  );
  const revoke = useMutation(
    trpc.invitations.revoke.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setConfirming(null);
        onDone(`The invitation to ${invitation.name} is withdrawn.`);
      },
    }),
  );
  const close = () => {
    setConfirming(null);
    resend.reset();
    revoke.reset();
  };

  return (
    <li className="tend-row">
      <div className="tend-row-main">
        <p className="tend-row-title">{invitation.name}</p>
        <p className="tend-row-meta">{invitation.email}</p>
        <p className="tend-row-meta">{detailOf(invitation)}</p>
      </div>
      <div className="tend-row-side">
        <span
          className={`tend-pill${invitation.state === "accepted" ? "" : " tend-pill-quiet"}`}
          data-state={invitation.state}
        >
          {invitationStateLabel[invitation.state]}
        </span>
        {isOpen(invitation.state) ? (
          <div className="tend-row-actions">
            <Button variant="secondary" onClick={() => setConfirming("resend")}>
              Send again<span className="tend-visually-hidden"> to {invitation.name}</span>
            </Button>
            <Button variant="quiet" onClick={() => setConfirming("revoke")}>
              Withdraw<span className="tend-visually-hidden"> invitation to {invitation.name}</span>
            </Button>
          </div>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming === "resend"}
        title={`Send the invitation again to ${invitation.name}?`}
        confirmLabel="Send again"
        onConfirm={() => resend.mutate({ id: invitation.id })}
        onCancel={close}
        pending={resend.isPending}
        error={resend.isError ? toProblem(resend.error).message : null}
      >
        We'll email {invitation.email} a fresh link that works for 7 days. The earlier link will
        stop working.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === "revoke"}
        title={`Withdraw the invitation to ${invitation.name}?`}
        confirmLabel="Withdraw invitation"
        cancelLabel="Keep it"
        onConfirm={() => revoke.mutate({ id: invitation.id })}
        onCancel={close}
        pending={revoke.isPending}
        error={revoke.isError ? toProblem(revoke.error).message : null}
      >
        Their link will stop working. We won't email them about it, and you can invite them again
        later.
      </ConfirmDialog>
    </li>
  );
}
