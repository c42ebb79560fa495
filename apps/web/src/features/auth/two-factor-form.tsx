import { useMutation } from "@tanstack/react-query";
import { Button, FormError, TextField } from "@tend/ui";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { authClient } from "../../lib/auth-client.ts";
import { authCall } from "../../lib/errors.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";
import { requiredProblem } from "../../lib/validation.ts";

const ids = { code: "two-factor-code" };

/** The second sign-in step: a code from the authenticator app, or one of the backup codes. */
export function TwoFactorForm({
  onSignedIn,
  onStartAgain,
}: {
  onSignedIn: () => Promise<void>;
  onStartAgain: () => void;
}) {
  const [code, setCode] = useState("");
  const [useBackup, setUseBackup] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  // This step replaces the form that was just sent: start the keyboard at the code.
  useEffect(() => {
    input.current?.focus();
  }, []);
  const verify = useMutation({
    mutationFn: () => {
      const value = code.replace(/\s+/g, "");
      return authCall(
        useBackup
          ? authClient.twoFactor.verifyBackupCode({ code: value })
          : authClient.twoFactor.verifyTotp({ code: value }),
      );
    },
    onSuccess: onSignedIn,
  });
  const form = useFormErrors(ids, verify);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.check({ code: requiredProblem(code, "Please enter the code.") })) verify.mutate();
  };

  return (
    <form className="tend-form" noValidate onSubmit={submit} aria-label="Second sign-in step">
      <FormError message={verify.isError ? form.message : null} problems={form.summary} />
      <p>
        {useBackup
          ? "Type one of the backup codes you saved when you turned on two-step sign-in. Each one works once."
          : "Open your authenticator app and type the 6-digit code it shows for Tend."}
      </p>
      <TextField
        key={useBackup ? "backup" : "totp"}
        id={ids.code}
        label={useBackup ? "Backup code" : "Code from your app"}
        inputMode={useBackup ? "text" : "numeric"}
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={form.errors.code}
        ref={input}
      />
      <div className="tend-actions">
        <Button type="submit" disabled={verify.isPending}>
          {verify.isPending ? "Checking…" : "Continue"}
        </Button>
        <Button
          variant="quiet"
          onClick={() => {
            setUseBackup((b) => !b);
            setCode("");
            form.clear();
          }}
        >
          {useBackup ? "Use the code from my app" : "Use a backup code instead"}
        </Button>
      </div>
      <p className="tend-hint">
        Not you, or need to start over?{" "}
        <button type="button" className="tend-link-button" onClick={onStartAgain}>
          Back to email and password
        </button>
      </p>
    </form>
  );
}
