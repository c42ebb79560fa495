// @jsxRuntime automatic
// @jsxImportSource react
import { z } from "zod";
import { Action, EmailLayout, Paragraph, SmallPrint } from "./layout.tsx";
import { actionUrl, defineTemplate } from "./template.ts";

const data = z.object({ url: actionUrl, newEmail: z.email() });

type ChangeEmailData = z.infer<typeof data>;

function ChangeEmailEmail({ url, newEmail }: ChangeEmailData) {
  return (
    <EmailLayout
      preview="Please confirm the new email address for your Tend account."
      heading="Confirm your new email address"
    >
      <Paragraph>Hello,</Paragraph>
      <Paragraph>
        You asked to use <strong>{newEmail}</strong> for your Tend account from now on. Please
        confirm the change:
      </Paragraph>
      <Action href={url} label="Confirm the change" />
      <SmallPrint>
        Until you confirm, your account keeps its current address. If you didn't ask for this, you
        can ignore this email and nothing changes.
      </SmallPrint>
    </EmailLayout>
  );
}

export const changeEmail = defineTemplate({
  data,
  subject: () => "Confirm your new email address for Tend",
  Email: ChangeEmailEmail,
});
