import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Notice } from "@tend/ui";
import { type ReactNode, useState } from "react";
import { authClient } from "../../lib/auth-client.ts";
import { authCall, FriendlyError, OUR_SIDE } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { BackupCodes } from "./backup-codes.tsx";
import { ConfirmPasswordForm } from "./confirm-password-form.tsx";
import { TwoFactorSetup } from "./two-factor-setup.tsx";

type Purpose = "enable" | "disable" | "new-codes";

type Step =
  | { kind: "idle" }
  | { kind: "password"; purpose: Purpose }
  | { kind: "setup"; totpURI: string; backupCodes: string[] }
  | { kind: "codes"; backupCodes: string[] };

const intros = {
  enable: "To turn on two-step sign-in, please confirm it's you.",
  disable: "To turn off two-step sign-in, please confirm it's you.",
  "new-codes": "New backup codes replace the old ones. Please confirm it's you.",
};
const submitLabels = {
  enable: "Continue",
  disable: "Turn off two-step sign-in",
  "new-codes": "Make new backup codes",
};

/** Two-step sign-in (an authenticator app code after the password), with backup codes. */
export function TwoFactorSection({
  enabled,
  hasPassword,
}: {
  enabled: boolean;
  hasPassword: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [notice, setNotice] = useState<string | null>(null);
  const refreshMe = () => queryClient.invalidateQueries(trpc.me.get.queryFilter());

  const act = useMutation({
    mutationFn: async ({ purpose, password }: { purpose: Purpose; password: string }) => {
      if (purpose === "enable") {
        const data = await authCall(authClient.twoFactor.enable({ password }));
        if (data?.method !== "totp") throw new FriendlyError(OUR_SIDE);
        setStep({ kind: "setup", totpURI: data.totpURI, backupCodes: data.backupCodes });
      } else if (purpose === "disable") {
        await authCall(authClient.twoFactor.disable({ password }));
        await refreshMe();
        setStep({ kind: "idle" });
        setNotice("Two-step sign-in is off. Your password alone signs you in now.");
      } else {
        const data = await authCall(authClient.twoFactor.generateBackupCodes({ password }));
        setStep({ kind: "codes", backupCodes: data?.backupCodes ?? [] });
      }
    },
  });

  const start = (purpose: Purpose) => {
    act.reset();
    setNotice(null);
    setStep({ kind: "password", purpose });
  };

  let body: ReactNode;
  if (step.kind === "password") {
    body = (
      <ConfirmPasswordForm
        id="two-factor-password"
        intro={intros[step.purpose]}
        submitLabel={submitLabels[step.purpose]}
        pending={act.isPending}
        error={act.error}
        onSubmit={(password) => act.mutate({ purpose: step.purpose, password })}
        onCancel={() => setStep({ kind: "idle" })}
      />
    );
  } else if (step.kind === "setup") {
    body = (
      <TwoFactorSetup
        totpURI={step.totpURI}
        onConfirmed={async () => {
          await refreshMe();
          setStep({ kind: "codes", backupCodes: step.backupCodes });
          setNotice("Two-step sign-in is on.");
        }}
        onCancel={() => setStep({ kind: "idle" })}
      />
    );
  } else if (step.kind === "codes") {
    body = (
      <BackupCodes
        codes={step.backupCodes}
        onDone={() => {
          setStep({ kind: "idle" });
        }}
      />
    );
  } else if (!hasPassword) {
    body = (
      <p>
        Two-step sign-in adds a code from your phone after your password. Since you sign in with
        email links, there's no password to add it to. Set a password above first if you'd like it.
      </p>
    );
  } else if (enabled) {
    body = (
      <>
        <p>
          <span className="tend-pill">On</span> After your password, Tend asks for a code from your
          authenticator app.
        </p>
        <div className="tend-actions">
          <Button variant="secondary" onClick={() => start("new-codes")}>
            Make new backup codes
          </Button>
          <Button variant="quiet" onClick={() => start("disable")}>
            Turn off two-step sign-in
          </Button>
        </div>
      </>
    );
  } else {
    body = (
      <>
        <p>
          Add a code from an authenticator app on your phone after your password, so your password
          alone is not enough to get in.
        </p>
        <div className="tend-actions">
          <Button variant="secondary" onClick={() => start("enable")}>
            Turn on two-step sign-in
          </Button>
        </div>
      </>
    );
  }

  return (
    <section className="tend-panel" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-step sign-in</h2>
      <Notice>{notice}</Notice>
      {body}
    </section>
  );
}
