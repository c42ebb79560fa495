// @jsxRuntime automatic
// @jsxImportSource react
import { Link } from "@react-email/link";
import { z } from "zod";
import { Action, EmailLayout, Paragraph, SmallPrint } from "./layout.tsx";
import {
  actionUrl,
  defineTemplate,
  formatLocalDateTime,
  headerSafeUrl,
  isKnownTimeZone,
  oneClickUnsubscribe,
  personName,
  singleLine,
  zoneLabel,
} from "./template.ts";

const data = z.object({
  name: personName,
  exerciseTitle: singleLine(120),
  timeZone: z.string().max(64).refine(isKnownTimeZone, { message: "must be an IANA time zone" }),
  /** The planned practice (UTC); shown on the client's own clock. */
  occurrenceAt: z.iso.datetime({ offset: true }),
  practiceUrl: actionUrl,
  notTodayUrl: actionUrl,
  preferencesUrl: actionUrl,
  unsubscribeUrl: headerSafeUrl,
});

type PracticeReminderData = z.infer<typeof data>;

const quiet = { color: "#3f7d6e" };

function PracticeReminderEmail(d: PracticeReminderData) {
  const when = formatLocalDateTime(d.occurrenceAt, d.timeZone);
  return (
    <EmailLayout
      preview={`${d.exerciseTitle} is here whenever you have a few minutes.`}
      heading="A few minutes for yourself"
    >
      <Paragraph>Hi {d.name},</Paragraph>
      <Paragraph>
        Whenever you have a few minutes, <strong>{d.exerciseTitle}</strong> is ready for you. You
        planned it for {when} ({zoneLabel(d.timeZone)}), but any moment that suits you is a good
        one.
      </Paragraph>
      <Action href={d.practiceUrl} label="Open the practice" />
      <Paragraph>
        If today isn't the day, that's alright too.{" "}
        <Link href={d.notTodayUrl} style={quiet}>
          Not today
        </Link>{" "}
        lets this one go, with no reason needed.
      </Paragraph>
      <SmallPrint>
        You can pause these reminders for a while or change when they arrive in your{" "}
        <Link href={d.preferencesUrl} style={quiet}>
          email preferences
        </Link>
        , or{" "}
        <Link href={d.unsubscribeUrl} style={quiet}>
          stop reminder emails
        </Link>{" "}
        altogether.
      </SmallPrint>
    </EmailLayout>
  );
}

export const practiceReminder = defineTemplate({
  data,
  subject: (d) => `${d.exerciseTitle}, whenever you have a few minutes`,
  Email: PracticeReminderEmail,
  headers: (d) => oneClickUnsubscribe(d.unsubscribeUrl),
});
