import { useMutation } from "@tanstack/react-query";
import { Button, FormError, Notice } from "@tend/ui";
import { authClient } from "../../lib/auth-client.ts";
import { authCall, toProblem } from "../../lib/errors.ts";

/** For someone who signs in with email links only: we email them a link to choose a password. */
export function SetPasswordSection({ email }: { email: string }) {
  const send = useMutation({
    mutationFn: () =>
      authCall(authClient.requestPasswordReset({ email, redirectTo: "/reset-password" })),
  });
  return (
    <section className="tend-panel" aria-labelledby="set-password-title">
      <h2 id="set-password-title">Password</h2>
      <p className="tend-lead">
        You sign in with a link we email you, so there's no password to remember. If you'd like one
        as well, we can email you a link to choose it.
      </p>
      <FormError message={send.isError ? toProblem(send.error).message : null} />
      <div className="tend-actions">
        <Button variant="secondary" onClick={() => send.mutate()} disabled={send.isPending}>
          {send.isPending ? "Sending…" : "Email me a link to set a password"}
        </Button>
      </div>
      <Notice>{send.isSuccess ? `A link is on its way to ${email}.` : null}</Notice>
    </section>
  );
}
