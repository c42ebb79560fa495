import { useMutation } from "@tanstack/react-query";
import { Button, FormError, Notice, TextField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { authClient } from "../../lib/auth-client.ts";
import { authCall } from "../../lib/errors.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";
import { emailProblem } from "../../lib/validation.ts";

const ids = { newEmail: "new-email" };

/** The change happens only once the emailed link is opened, so a typo cannot lock anyone out. */
export function ChangeEmailSection({ email }: { email: string }) {
  const [newEmail, setNewEmail] = useState("");
  const change = useMutation({
    mutationFn: (address: string) =>
      authCall(authClient.changeEmail({ newEmail: address, callbackURL: "/account" })),
    onSuccess: () => setNewEmail(""),
  });
  const form = useFormErrors(ids, change);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem =
      emailProblem(newEmail) ??
      (newEmail.trim().toLowerCase() === email.toLowerCase()
        ? "That is already your email address."
        : undefined);
    if (form.check({ newEmail: problem })) change.mutate(newEmail.trim());
  };

  return (
    <section className="tend-panel" aria-labelledby="change-email-title">
      <h2 id="change-email-title">Email address</h2>
      <p className="tend-lead">
        You use <strong>{email}</strong> to sign in and for Tend's emails.
      </p>
      <form className="tend-form" noValidate onSubmit={submit} aria-label="Change your email">
        <FormError message={change.isError ? form.message : null} problems={form.summary} />
        <TextField
          id={ids.newEmail}
          label="New email address"
          type="email"
          autoComplete="email"
          value={newEmail}
          onChange={(e) => setNewEmail(e.target.value)}
          error={form.errors.newEmail}
        />
        <div className="tend-actions">
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? "Sending…" : "Change email"}
          </Button>
        </div>
        <Notice>
          {change.isSuccess
            ? `Please check your email: we have sent a link to confirm the change to ${change.variables}. Your address changes once it is opened.`
            : null}
        </Notice>
      </form>
    </section>
  );
}
