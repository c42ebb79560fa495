import { useMutation } from "@tanstack/react-query";
import { Button, FormError, Notice, PageHeader, TextField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { authClient } from "../../lib/auth-client.ts";
import { authCall } from "../../lib/errors.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";
import { emailProblem } from "../../lib/validation.ts";

const ids = { email: "forgot-email" };

export function ForgotPasswordPage() {
  useDocumentTitle("Forgot your password?");
  const [email, setEmail] = useState("");
  const request = useMutation({
    mutationFn: (address: string) =>
      authCall(authClient.requestPasswordReset({ email: address, redirectTo: "/reset-password" })),
  });
  const form = useFormErrors(ids, request);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.check({ email: emailProblem(email) })) request.mutate(email.trim());
  };

  return (
    <div className="tend-narrow">
      <PageHeader
        title="Forgot your password?"
        lead="It happens. We'll email you a link to choose a new one."
      />
      <Notice>
        {request.isSuccess ? (
          <>
            If <strong>{request.variables}</strong> belongs to a Tend account, a link is on its way.
            It works for one hour.
          </>
        ) : null}
      </Notice>
      <div className="tend-panel">
        <form className="tend-form" noValidate onSubmit={submit} aria-label="Reset your password">
          <FormError message={request.isError ? form.message : null} problems={form.summary} />
          <TextField
            id={ids.email}
            label="Email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={form.errors.email}
          />
          <div className="tend-actions">
            <Button type="submit" disabled={request.isPending}>
              {request.isPending
                ? "Sending…"
                : request.isSuccess
                  ? "Send another link"
                  : "Email me a link"}
            </Button>
          </div>
        </form>
      </div>
      <p className="tend-hint tend-after-panel">
        Remembered it? <Link to="/sign-in">Back to sign in</Link>.
      </p>
    </div>
  );
}
