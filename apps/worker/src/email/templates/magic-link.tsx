// @jsxRuntime automatic
// @jsxImportSource react
import { z } from "zod";
import { Action, EmailLayout, Paragraph, SmallPrint } from "./layout.tsx";
import { actionUrl, defineTemplate, personName } from "./template.ts";

const data = z.object({ url: actionUrl, name: personName.optional() });

type MagicLinkData = z.infer<typeof data>;

function MagicLinkEmail({ url, name }: MagicLinkData) {
  return (
    <EmailLayout preview="Your link to sign in to Tend." heading="Sign in to Tend">
      <Paragraph>{name ? `Hi ${name},` : "Hello,"}</Paragraph>
      <Paragraph>Here is the link you asked for. One tap and you're in.</Paragraph>
      <Action href={url} label="Sign in to Tend" />
      <SmallPrint>
        The link works once and only for a short while, so it is best used soon. You can always ask
        for a new one from the sign-in page.
      </SmallPrint>
      <SmallPrint>
        If you didn't ask to sign in, you can ignore this email. Your account stays just as it is.
      </SmallPrint>
    </EmailLayout>
  );
}

export const magicLink = defineTemplate({
  data,
  subject: () => "Your link to sign in to Tend",
  Email: MagicLinkEmail,
});
