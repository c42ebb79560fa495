import { useMutation } from "@tanstack/react-query";
import {
  Button,
  FormError,
  PasswordField,
  RadioGroupField,
  SelectField,
  TextField,
} from "@tend/ui";
import { type FormEvent, useMemo, useState } from "react";
import { detectTimeZone, timeNowIn, timeZoneOptions } from "../../lib/time-zones.ts";
import { useFormErrors } from "../../lib/use-form-errors.ts";
import { newPasswordProblem, PASSWORD_HINT, requiredProblem } from "../../lib/validation.ts";
import { useAfterSignIn } from "../auth/use-after-sign-in.ts";
import { acceptInvitation } from "./accept-invitation.ts";

const ids = { name: "invite-name", timeZone: "invite-time-zone", password: "invite-password" };

type SignInWay = "password" | "link";

export function AcceptInvitationForm({
  token,
  clientName,
  email,
}: {
  token: string;
  clientName: string;
  email: string;
}) {
  const [name, setName] = useState(clientName);
  const [timeZone, setTimeZone] = useState(detectTimeZone);
  const [way, setWay] = useState<SignInWay>("password");
  const [password, setPassword] = useState("");
  const zones = useMemo(() => timeZoneOptions([timeZone]), [timeZone]);
  const afterSignIn = useAfterSignIn();

  const accept = useMutation({
    mutationFn: () =>
      acceptInvitation({
        token,
        name: name.trim(),
        timeZone,
        ...(way === "password" ? { password } : {}),
      }),
    onSuccess: () => afterSignIn("/home"),
  });
  const form = useFormErrors(ids, accept);
  const now = timeNowIn(timeZone);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (
      form.check({
        name: requiredProblem(name, "Please tell us what to call you."),
        timeZone: requiredProblem(timeZone, "Please choose your time zone."),
        password: way === "password" ? newPasswordProblem(password) : undefined,
      })
    )
      accept.mutate();
  };

  return (
    <form className="tend-form" noValidate onSubmit={submit} aria-label="Set up your account">
      <FormError message={accept.isError ? form.message : null} problems={form.summary} />
      <p className="tend-hint">
        Your account will use <strong>{email}</strong>.
      </p>
      <TextField
        id={ids.name}
        label="What should we call you?"
        hint="Your first name is fine. Your therapist will see it."
        autoComplete="given-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={form.errors.name}
      />
      <SelectField
        id={ids.timeZone}
        label="Your time zone"
        hint={
          now
            ? `So reminders arrive at a sensible hour for you. It is ${now} there now.`
            : "So reminders arrive at a sensible hour for you."
        }
        value={timeZone}
        options={zones}
        onChange={(e) => setTimeZone(e.target.value)}
        error={form.errors.timeZone}
      />
      <RadioGroupField<SignInWay>
        legend="How would you like to sign in?"
        name="sign-in-way"
        value={way}
        onChange={setWay}
        options={[
          { value: "password", label: "Set a password" },
          {
            value: "link",
            label: "No password: I'll sign in with an email link each time",
            hint: "We email you a link whenever you want to come in. You can add a password later.",
          },
        ]}
      />
      {way === "password" ? (
        <PasswordField
          id={ids.password}
          label="Choose a password"
          hint={PASSWORD_HINT}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={form.errors.password}
        />
      ) : null}
      <div className="tend-actions">
        <Button type="submit" disabled={accept.isPending}>
          {accept.isPending ? "Setting up…" : "Join Tend"}
        </Button>
      </div>
    </form>
  );
}
