import { ErrorNotice, PageHeader, Tabs } from "@tend/ui";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { MagicLinkForm } from "./magic-link-form.tsx";
import { PasswordSignInForm } from "./password-sign-in-form.tsx";
import { TwoFactorForm } from "./two-factor-form.tsx";
import { useAfterSignIn } from "./use-after-sign-in.ts";
import { safeNextPath } from "./use-session-state.ts";

export function SignInPage() {
  useDocumentTitle("Sign in");
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  // better-auth sends a used or expired sign-in link back here with ?error=…
  const linkFailed = params.has("error");
  const [step, setStep] = useState<"credentials" | "second">("credentials");
  const afterSignIn = useAfterSignIn();
  const finish = () => afterSignIn(next);

  if (step === "second")
    return (
      <div className="tend-narrow">
        <PageHeader title="One more step" lead="Two-step sign-in is on for this account." />
        <div className="tend-panel">
          <TwoFactorForm onSignedIn={finish} onStartAgain={() => setStep("credentials")} />
        </div>
      </div>
    );

  return (
    <div className="tend-narrow">
      <PageHeader title="Welcome back" lead="Sign in to Tend." />
      {linkFailed ? (
        <ErrorNotice title="That sign-in link didn't work">
          Links work once, for 10 minutes. You can ask for a fresh one below.
        </ErrorNotice>
      ) : null}
      <div className="tend-panel">
        <Tabs
          label="How would you like to sign in?"
          defaultTab={linkFailed ? "link" : "password"}
          tabs={[
            {
              id: "password",
              label: "With a password",
              content: (
                <PasswordSignInForm onSignedIn={finish} onSecondStep={() => setStep("second")} />
              ),
            },
            { id: "link", label: "With an email link", content: <MagicLinkForm next={next} /> },
          ]}
        />
      </div>
      <p className="tend-hint tend-after-panel">
        Therapist and new to Tend? <Link to="/sign-up">Create an account</Link>. Clients join
        through the invitation their therapist sends.
      </p>
    </div>
  );
}
