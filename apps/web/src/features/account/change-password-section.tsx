import { useMutation } from "@tanstack/react-query";
import { Button, CheckboxField, FormError, Notice, PasswordField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { authClient } from "../../lib/auth-client.ts";
import { authCall } from "../../lib/errors.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";
import { newPasswordProblem, PASSWORD_HINT, requiredProblem } from "../../lib/validation.ts";

const ids = { currentPassword: "current-password", newPassword: "new-password" };

export function ChangePasswordSection() {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [signOutOthers, setSignOutOthers] = useState(true);
  const change = useMutation({
    mutationFn: () =>
      authCall(
        authClient.changePassword({
          currentPassword,
          newPassword,
          revokeOtherSessions: signOutOthers,
        }),
      ),
    onSuccess: () => {
      setCurrentPassword("");
      setNewPassword("");
    },
  });
  const form = useFormErrors(ids, change);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (
      form.check({
        currentPassword: requiredProblem(currentPassword, "Please enter your current password."),
        newPassword: newPasswordProblem(newPassword),
      })
    )
      change.mutate();
  };

  return (
    <section className="tend-panel" aria-labelledby="change-password-title">
      <h2 id="change-password-title">Password</h2>
      <form className="tend-form" noValidate onSubmit={submit} aria-label="Change your password">
        <FormError message={change.isError ? form.message : null} problems={form.summary} />
        <PasswordField
          id={ids.currentPassword}
          label="Current password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
          error={form.errors.currentPassword}
        />
        <PasswordField
          id={ids.newPassword}
          label="New password"
          hint={PASSWORD_HINT}
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
          error={form.errors.newPassword}
        />
        <CheckboxField
          label="Sign me out on my other devices"
          checked={signOutOthers}
          onChange={(e) => setSignOutOthers(e.target.checked)}
        />
        <div className="tend-actions">
          <Button type="submit" disabled={change.isPending}>
            {change.isPending ? "Saving…" : "Change password"}
          </Button>
        </div>
        <Notice>{change.isSuccess ? "Your new password is saved." : null}</Notice>
      </form>
    </section>
  );
}
