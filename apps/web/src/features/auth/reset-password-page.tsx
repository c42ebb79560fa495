import { useMutation } from "@tanstack/react-query";
import { Button, ErrorNotice, FormError, Notice, PageHeader, PasswordField } from "@tend/ui";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { authClient } from "../../lib/auth-client.ts";
import { authCall } from "../../lib/errors.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";
import { newPasswordProblem, PASSWORD_HINT } from "../../lib/validation.ts";

const ids = { password: "reset-password" };

/** Arrived from the emailed link with ?token=… (or ?error=INVALID_TOKEN when it had expired). */
export function ResetPasswordPage() {
  useDocumentTitle("Choose a new password");
  const [params] = useSearchParams();
  const navigate = useNavigate();
  // Keep the token in memory only, and take it out of the address bar and history.
  const [token] = useState(() => params.get("token"));
  const linkFailed = params.has("error");
  useEffect(() => {
    if (params.has("token")) navigate("/reset-password", { replace: true });
  }, [params, navigate]);

  const [password, setPassword] = useState("");
  const reset = useMutation({
    mutationFn: () => authCall(authClient.resetPassword({ newPassword: password, token: token! })),
  });
  const form = useFormErrors(ids, reset);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.check({ password: newPasswordProblem(password) })) reset.mutate();
  };

  if (!token || linkFailed)
    return (
      <div className="tend-narrow">
        <PageHeader title="Choose a new password" />
        <ErrorNotice title="This link has expired or has already been used">
          Reset links work once, for one hour.{" "}
          <Link to="/forgot-password">Ask for a fresh link</Link>.
        </ErrorNotice>
      </div>
    );

  return (
    <div className="tend-narrow">
      <PageHeader title="Choose a new password" />
      <Notice>
        {reset.isSuccess ? (
          <>
            Your new password is saved, and any other devices have been signed out.{" "}
            <Link to="/sign-in">Sign in with it now</Link>.
          </>
        ) : null}
      </Notice>
      {reset.isSuccess ? null : (
        <div className="tend-panel">
          <form
            className="tend-form"
            noValidate
            onSubmit={submit}
            aria-label="Choose a new password"
          >
            <FormError message={reset.isError ? form.message : null} problems={form.summary} />
            <PasswordField
              id={ids.password}
              label="New password"
              hint={PASSWORD_HINT}
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={form.errors.password}
            />
            <div className="tend-actions">
              <Button type="submit" disabled={reset.isPending}>
                {reset.isPending ? "Saving…" : "Save new password"}
              </Button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
