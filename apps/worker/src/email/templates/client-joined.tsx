// @jsxRuntime automatic
// @jsxImportSource react
import { z } from "zod";
import { EmailLayout, Paragraph, SmallPrint } from "./layout.tsx";
import { defineTemplate, personName } from "./template.ts";

const data = z.object({ clientName: personName });

type ClientJoinedData = z.infer<typeof data>;

function ClientJoinedEmail({ clientName }: ClientJoinedData) {
  return (
    <EmailLayout
      preview={`${clientName} accepted your invitation to Tend.`}
      heading={`${clientName} has joined you on Tend`}
    >
      <Paragraph>
        Good news: {clientName} accepted your invitation and now has a space on Tend.
      </Paragraph>
      <Paragraph>
        Whenever it feels right, you can choose a first exercise for them from your client list.
        There is no rush; they will find it waiting for them.
      </Paragraph>
      <SmallPrint>
        Anything {clientName} keeps private stays with them. What they choose to share will appear
        in your client view.
      </SmallPrint>
    </EmailLayout>
  );
}

export const clientJoined = defineTemplate({
  data,
  subject: (d) => `${d.clientName} accepted your invitation`,
  Email: ClientJoinedEmail,
});
