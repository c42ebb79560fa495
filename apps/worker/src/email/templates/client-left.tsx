// @jsxRuntime automatic
// @jsxImportSource react
import { z } from "zod";
import { EmailLayout, Paragraph } from "./layout.tsx";
import { defineTemplate, personName } from "./template.ts";

// Only the name: no reason, no dates, nothing of what the client kept on Tend.
const data = z.object({ clientName: personName }).strict();

type ClientLeftData = z.infer<typeof data>;

function ClientLeftEmail({ clientName }: ClientLeftData) {
  return (
    <EmailLayout preview={`${clientName} has left Tend.`} heading={`${clientName} has left Tend`}>
      <Paragraph>Their account is closed, along with everything that was in it.</Paragraph>
    </EmailLayout>
  );
}

export const clientLeft = defineTemplate({
  data,
  subject: (d) => `${d.clientName} has left Tend`,
  Email: ClientLeftEmail,
});
