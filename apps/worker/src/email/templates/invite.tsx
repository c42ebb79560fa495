// @jsxRuntime automatic
// @jsxImportSource react
import { z } from "zod";
import { Action, EmailLayout, Paragraph, SmallPrint } from "./layout.tsx";
import { actionUrl, defineTemplate, formatUtc, personName } from "./template.ts";

const data = z.object({
  therapistName: personName,
  clientName: personName,
  url: actionUrl,
  expiresAt: z.iso.datetime({ offset: true }),
});

type InviteData = z.infer<typeof data>;

function InviteEmail({ therapistName, clientName, url, expiresAt }: InviteData) {
  return (
    <EmailLayout
      preview={`${therapistName} would like to share some between-session practice with you.`}
      heading={`${therapistName} invited you to Tend`}
    >
      <Paragraph>Hi {clientName},</Paragraph>
      <Paragraph>
        Tend is a quiet place for the short self-compassion exercises you and {therapistName} choose
        together, to try at your own pace between sessions. What you write there belongs to you: you
        decide what, if anything, to bring into the room.
      </Paragraph>
      <Action href={url} label="Accept the invitation" />
      <SmallPrint>
        This link can be used once and stays open for 7 days, until {formatUtc(expiresAt)}. If it
        runs out, {therapistName} can send you a fresh one.
      </SmallPrint>
      <SmallPrint>
        If you weren't expecting this email, you can simply ignore it. Nothing happens unless you
        open the link.
      </SmallPrint>
    </EmailLayout>
  );
}

export const invite = defineTemplate({
  data,
  subject: (d) => `${d.therapistName} invited you to Tend`,
  Email: InviteEmail,
});
