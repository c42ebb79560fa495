import { useMutation } from "@tanstack/react-query";
import { Button, FormError, TextField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { authClient } from "../../lib/auth-client.ts";
import { authCall } from "../../lib/errors.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";
import { requiredProblem } from "../../lib/validation.ts";

const ids = { code: "two-factor-setup-code" };

/** The key inside an otpauth:// URI, in groups of four for typing by hand. */
export function secretOf(totpURI: string): string {
  const match = /[?&]secret=([^&]+)/.exec(totpURI);
  const secret = match ? decodeURIComponent(match[1]!) : "";
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/**
 * Step two of turning on two-step sign-in: add the key to an authenticator app (typed or pasted,
 * no QR code needed), then prove it works with one code.
 */
export function TwoFactorSetup({
  totpURI,
  onConfirmed,
  onCancel,
}: {
  totpURI: string;
  onConfirmed: () => void;
  onCancel: () => void;
}) {
  const [code, setCode] = useState("");
  const verify = useMutation({
    mutationFn: () => authCall(authClient.twoFactor.verifyTotp({ code: code.replace(/\s+/g, "") })),
    onSuccess: onConfirmed,
  });
  const form = useFormErrors(ids, verify);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.check({ code: requiredProblem(code, "Please enter the 6-digit code.") }))
      verify.mutate();
  };

  return (
    <form className="tend-form" noValidate onSubmit={submit} aria-label="Confirm two-step sign-in">
      <FormError message={verify.isError ? form.message : null} problems={form.summary} />
      <ol className="tend-setup-steps">
        <li>
          <p>
            In your authenticator app (for example 1Password, Google Authenticator or Aegis), add an
            account and type in this key:
          </p>
          <p>
            <code className="tend-code tend-secret">{secretOf(totpURI)}</code>
          </p>
          <p className="tend-hint">Or, if your app takes a setup link, paste this one:</p>
          <p>
            <code className="tend-code tend-code-small">{totpURI}</code>
          </p>
        </li>
        <li>
          <TextField
            id={ids.code}
            label="Type the 6-digit code the app shows"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={form.errors.code}
          />
        </li>
      </ol>
      <div className="tend-actions">
        <Button type="submit" disabled={verify.isPending}>
          {verify.isPending ? "Checking…" : "Turn on two-step sign-in"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Not now
        </Button>
      </div>
    </form>
  );
}
