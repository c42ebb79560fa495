// @jsxRuntime automatic
// @jsxImportSource react
import { z } from "zod";
import { Action, EmailLayout, Paragraph, SmallPrint } from "./layout.tsx";
import { actionUrl, defineTemplate, personName } from "./template.ts";

const data = z.object({ url: actionUrl, name: personName });

type VerifyEmailData = z.infer<typeof data>;

function VerifyEmailEmail({ url, name }: VerifyEmailData) {
  return (
    <EmailLayout
      preview="One small step to confirm your email address."
      heading="Confirm your email"
    >
      <Paragraph>Hi {name},</Paragraph>
      <Paragraph>
        One small step: please confirm that this address is yours, so that the messages you ask for
        reach you.
      </Paragraph>
      <Action href={url} label="Confirm my email address" />
      <SmallPrint>
        If you didn't create a Tend account, you can ignore this email and nothing more will be
        sent.
      </SmallPrint>
    </EmailLayout>
  );
}

export const verifyEmail = defineTemplate({
  data,
  subject: () => "Please confirm your email address",
  Email: VerifyEmailEmail,
});
