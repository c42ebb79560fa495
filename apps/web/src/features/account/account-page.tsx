import { useQuery } from "@tanstack/react-query";
import { ErrorNotice, Loading, PageHeader } from "@tend/ui";
import { Link } from "react-router";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { ChangeEmailSection } from "./change-email-section.tsx";
import { ChangePasswordSection } from "./change-password-section.tsx";
import { DigestSection } from "./digest-section.tsx";
import { SessionsSection } from "./sessions-section.tsx";
import { SetPasswordSection } from "./set-password-section.tsx";
import { TwoFactorSection } from "./two-factor-section.tsx";
import { useHasPassword } from "./use-has-password.ts";

export function AccountPage() {
  useDocumentTitle("Account");
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const hasPassword = useHasPassword();

  if (me.isPending || hasPassword.isPending) return <Loading />;
  if (me.isError) return <ErrorNotice>{toProblem(me.error).message}</ErrorNotice>;
  if (hasPassword.isError) return <ErrorNotice>{toProblem(hasPassword.error).message}</ErrorNotice>;

  return (
    <div className="tend-column">
      <PageHeader title="Account" lead={`Signed in as ${me.data.name}.`} />
      {hasPassword.data ? <ChangePasswordSection /> : <SetPasswordSection email={me.data.email} />}
      <ChangeEmailSection email={me.data.email} />
      <TwoFactorSection enabled={me.data.twoFactorEnabled} hasPassword={hasPassword.data} />
      <SessionsSection />
      {me.data.role === "client" ? (
        <section className="tend-panel" aria-labelledby="account-emails-title">
          <h2 id="account-emails-title">Emails and your data</h2>
          <p>
            Reminders, quiet hours, your weekly summary, your calendar, downloading your data and
            deleting your account are in <Link to="/settings/email">your email settings</Link>.
          </p>
        </section>
      ) : (
        <DigestSection />
      )}
    </div>
  );
}
