// @jsxRuntime automatic
// @jsxImportSource react
import { Link } from "@react-email/link";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { z } from "zod";
import { Action, EmailLayout, Paragraph, SmallPrint } from "./layout.tsx";
import {
  actionUrl,
  defineTemplate,
  formatLocalDate,
  formatWeek,
  headerSafeUrl,
  localDate,
  oneClickUnsubscribe,
  personName,
  singleLine,
} from "./template.ts";

/** Counts, exercise titles and dates only: a digest never carries a client's words. */
const data = z.object({
  name: personName,
  weekStart: localDate,
  weekEnd: localDate,
  clients: z
    .array(
      z.object({
        name: personName,
        practiceCount: z.number().int().min(0),
        flagged: z
          .array(z.object({ exerciseTitle: singleLine(120), date: localDate }))
          .max(100)
          .default([]),
      }),
    )
    .max(1000),
  appUrl: actionUrl,
  unsubscribeUrl: headerSafeUrl,
});

type TherapistDigestData = z.infer<typeof data>;

const clientName = { fontSize: "16px", fontWeight: 600, lineHeight: "24px", margin: "16px 0 2px" };
const line = { fontSize: "15px", lineHeight: "22px", margin: "2px 0" };

const practices = (n: number) =>
  n === 0 ? "No practice shared this week" : n === 1 ? "1 practice" : `${n} practices`;

function TherapistDigestEmail(d: TherapistDigestData) {
  const week = formatWeek(d.weekStart, d.weekEnd);
  return (
    <EmailLayout
      preview={`How your clients' week went, ${week}.`}
      heading={`Your clients' week, ${week}`}
    >
      <Paragraph>Hi {d.name},</Paragraph>
      <Paragraph>
        {d.clients.length === 0
          ? "You have no clients on Tend yet. When someone accepts your invitation, their week will show here."
          : "Here is each client's week in Tend, as far as they have chosen to share it."}
      </Paragraph>
      {d.clients.map((c, i) => (
        // Two clients may share a name; their order is stable.
        // biome-ignore lint/suspicious/noArrayIndexKey: order and content are fixed for this email
        <Section key={i}>
          <Text style={clientName}>{c.name}</Text>
          <Text style={line}>{practices(c.practiceCount)}</Text>
          {c.flagged.map((f) => (
            <Text key={`${f.exerciseTitle}-${f.date}`} style={line}>
              Marked for your next session: {f.exerciseTitle} ({formatLocalDate(f.date)})
            </Text>
          ))}
        </Section>
      ))}
      <Action href={d.appUrl} label="Open your client list" />
      <SmallPrint>
        Entries a client keeps private are never included, and no one's words appear in this email;
        what they share is in Tend. You can{" "}
        <Link href={d.unsubscribeUrl} style={{ color: "#3f7d6e" }}>
          stop these weekly digests
        </Link>{" "}
        at any time.
      </SmallPrint>
    </EmailLayout>
  );
}

export const therapistDigest = defineTemplate({
  data,
  subject: (d) => `Your clients' week in Tend, ${formatWeek(d.weekStart, d.weekEnd)}`,
  Email: TherapistDigestEmail,
  headers: (d) => oneClickUnsubscribe(d.unsubscribeUrl),
});
