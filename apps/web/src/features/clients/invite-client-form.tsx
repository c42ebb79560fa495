import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, FormError, TextField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { useTRPC } from "../../lib/trpc.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";
import { emailProblem, requiredProblem } from "../../lib/validation.ts";

const ids = { name: "invite-client-name", email: "invite-client-email" };

/** Name and email of the person to invite; the email goes out as soon as it is sent. */
export function InviteClientForm({
  onSent,
  onCancel,
}: {
  onSent: (name: string, email: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const send = useMutation(
    trpc.invitations.send.mutationOptions({
      onSuccess: async (invitation) => {
        await queryClient.invalidateQueries(trpc.clients.list.queryFilter());
        onSent(invitation.name, invitation.email);
      },
    }),
  );
  const form = useFormErrors(ids, send);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (
      form.check({
        name: requiredProblem(name, "Please add the client's name."),
        email: emailProblem(email),
      })
    )
      send.mutate({ name: name.trim(), email: email.trim() });
  };

  return (
    <form className="tend-form" noValidate onSubmit={submit} aria-label="Invite a client">
      <FormError message={send.isError ? form.message : null} problems={form.summary} />
      <TextField
        id={ids.name}
        label="Client's name"
        hint="As they'd like to be greeted. They can change it when they join."
        autoComplete="off"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={form.errors.name}
      />
      <TextField
        id={ids.email}
        label="Client's email"
        type="email"
        autoComplete="off"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={form.errors.email}
      />
      <div className="tend-actions">
        <Button type="submit" disabled={send.isPending}>
          {send.isPending ? "Sending…" : "Send invitation"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
