import { Button, FormError, PasswordField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { toProblem } from "../../lib/errors.ts";
import { requiredProblem } from "../../lib/validation.ts";

/** "Type your password to continue", before a security change. */
export function ConfirmPasswordForm({
  id,
  intro,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  id: string;
  intro: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState<string | undefined>();
  const problem = error ? toProblem(error).message : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = requiredProblem(password, "Please enter your password.");
    setMissing(found);
    if (!found) onSubmit(password);
  };

  return (
    <form className="tend-form" noValidate onSubmit={submit} aria-label={submitLabel}>
      <FormError
        message={missing ? null : problem}
        problems={missing ? [{ fieldId: id, message: missing }] : []}
      />
      <p>{intro}</p>
      <PasswordField
        id={id}
        label="Your password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={missing}
      />
      <div className="tend-actions">
        <Button type="submit" disabled={pending}>
          {pending ? "One moment…" : submitLabel}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
