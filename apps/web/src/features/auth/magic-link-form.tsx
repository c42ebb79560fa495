import { useMutation } from "@tanstack/react-query";
import { Button, FormError, Notice, TextField } from "@tend/ui";
import { type FormEvent, useState } from "react";
import { authClient } from "../../lib/auth-client.ts";
import { authCall } from "../../lib/errors.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";
import { emailProblem } from "../../lib/validation.ts";

const ids = { email: "magic-link-email" };

/** Sign in without a password: we email a one-time link. The answer is the same for any address. */
export function MagicLinkForm({ next }: { next: string | null }) {
  const [email, setEmail] = useState("");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (address: string) =>
      authCall(
        authClient.signIn.magicLink({
          email: address,
          callbackURL: next ?? "/",
          errorCallbackURL: "/sign-in",
        }),
      ),
    onSuccess: (_data, address) => setSentTo(address),
  });
  const form = useFormErrors(ids, send);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (form.check({ email: emailProblem(email) })) send.mutate(email.trim());
  };

  return (
    <>
      <Notice>
        {sentTo ? (
          <>
            If <strong>{sentTo}</strong> belongs to a Tend account, a sign-in link is on its way. It
            works once, for the next 10 minutes.
          </>
        ) : null}
      </Notice>
      {sentTo ? (
        <div className="tend-form">
          <p className="tend-hint">
            Nothing there after a few minutes? It may be in your spam folder.
          </p>
          <div className="tend-actions">
            <Button
              variant="secondary"
              onClick={() => {
                setSentTo(null);
                send.reset();
              }}
            >
              Use a different address
            </Button>
          </div>
        </div>
      ) : (
        <form
          className="tend-form"
          noValidate
          onSubmit={submit}
          aria-label="Email me a sign-in link"
        >
          <FormError message={send.isError ? form.message : null} problems={form.summary} />
          <p className="tend-hint">
            No password needed: we'll email you a link that signs you in on this device.
          </p>
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
            <Button type="submit" disabled={send.isPending}>
              {send.isPending ? "Sending…" : "Email me a link"}
            </Button>
          </div>
        </form>
      )}
    </>
  );
}
