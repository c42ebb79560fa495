import { useQuery } from "@tanstack/react-query";
import { ErrorNotice, Loading, PageHeader } from "@tend/ui";
import { toProblem } from "../../lib/errors.ts";
import { useTRPC } from "../../lib/trpc.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { ChangeEmailSection } from "./change-email-section.tsx";
import { ChangePasswordSection } from "./change-password-section.tsx";
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
    </div>
  );
}
