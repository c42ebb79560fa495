// @jsxRuntime automatic
// @jsxImportSource react
import { z } from "zod";
import { Action, EmailLayout, Paragraph, SmallPrint } from "./layout.tsx";
import { actionUrl, defineTemplate, personName } from "./template.ts";

const data = z.object({ url: actionUrl, name: personName });

type ResetPasswordData = z.infer<typeof data>;

function ResetPasswordEmail({ url, name }: ResetPasswordData) {
  return (
    <EmailLayout preview="Choose a new password for Tend." heading="Choose a new password">
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        We received a request to reset the password for your Tend account. You can pick a new one
        here:
      </Paragraph>
      <Action href={url} label="Choose a new password" />
      <SmallPrint>The link works once and for a short time only.</SmallPrint>
      <SmallPrint>
        If you didn't ask for this, you can ignore this email. Your current password keeps working
        and nothing changes.
      </SmallPrint>
    </EmailLayout>
  );
}

export const resetPassword = defineTemplate({
  data,
  subject: () => "Reset your Tend password",
  Email: ResetPasswordEmail,
});
