import { useMutation } from "@tanstack/react-query";
import { Button, FormError, PasswordField, TextField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { authClient } from "../../lib/auth-client.ts";
import { authCall } from "../../lib/errors.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";
import { emailProblem, requiredProblem } from "../../lib/validation.ts";

const ids = { email: "sign-in-email", password: "sign-in-password" };

export function PasswordSignInForm({
  onSignedIn,
  onSecondStep,
}: {
  onSignedIn: () => Promise<void>;
  onSecondStep: () => void;
}) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useMutation({
    mutationFn: async () => {
      const data = await authCall(authClient.signIn.email({ email: email.trim(), password }));
      return { secondStep: Boolean(data && "twoFactorRedirect" in data && data.twoFactorRedirect) };
    },
    onSuccess: async ({ secondStep }) => {
      if (secondStep) onSecondStep();
      else await onSignedIn();
    },
  });
  const form = useFormErrors(ids, signIn);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (
      form.check({
        email: emailProblem(email),
        password: requiredProblem(password, "Please enter your password."),
      })
    )
      signIn.mutate();
  };

  return (
    <form className="tend-form" noValidate onSubmit={submit} aria-label="Sign in with a password">
      <FormError message={signIn.isError ? form.message : null} problems={form.summary} />
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
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={form.errors.password}
      />
      <div className="tend-actions">
        <Button type="submit" disabled={signIn.isPending}>
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </Button>
        <Link to="/forgot-password">Forgot your password?</Link>
      </div>
    </form>
  );
}
