import { useMutation } from "@tanstack/react-query";
import { Button, FormError, PageHeader, PasswordField, TextField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { authClient } from "../../lib/auth-client.ts";
import { authCall } from "../../lib/errors.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";
import {
  emailProblem,
  newPasswordProblem,
  PASSWORD_HINT,
  requiredProblem,
} from "../../lib/validation.ts";
import { useAfterSignIn } from "./use-after-sign-in.ts";

const ids = { name: "sign-up-name", email: "sign-up-email", password: "sign-up-password" };

/** Therapists create their own account; clients come in through an invitation. */
export function SignUpPage() {
  useDocumentTitle("Create a therapist account");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const afterSignIn = useAfterSignIn();
  const signUp = useMutation({
    mutationFn: () =>
      authCall(authClient.signUp.email({ name: name.trim(), email: email.trim(), password })),
    onSuccess: () => afterSignIn("/clients"),
  });
  const form = useFormErrors(ids, signUp);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (
      form.check({
        name: requiredProblem(name, "Please tell us your name."),
        email: emailProblem(email),
        password: newPasswordProblem(password),
      })
    )
      signUp.mutate();
  };

  return (
    <div className="tend-narrow">
      <PageHeader
        title="Create a therapist account"
        lead="Give your clients gentle self-compassion practice between sessions."
      />
      <div className="tend-panel">
        <form className="tend-form" noValidate onSubmit={submit} aria-label="Create an account">
          <FormError message={signUp.isError ? form.message : null} problems={form.summary} />
          <TextField
            id={ids.name}
            label="Your name"
            hint="Your clients will see it, for example “Dr. Maya Lin” or “Maya”."
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={form.errors.name}
          />
          <TextField
            id={ids.email}
            label="Email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={form.errors.email}
          />
          <PasswordField
            id={ids.password}
            label="Password"
            hint={PASSWORD_HINT}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={form.errors.password}
          />
          <div className="tend-actions">
            <Button type="submit" disabled={signUp.isPending}>
              {signUp.isPending ? "Creating your account…" : "Create account"}
            </Button>
          </div>
        </form>
      </div>
      <p className="tend-hint tend-after-panel">
        Already have an account? <Link to="/sign-in">Sign in</Link>.
      </p>
    </div>
  );
}
