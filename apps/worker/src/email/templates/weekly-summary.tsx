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
  formatWeek,
  headerSafeUrl,
  localDate,
  oneClickUnsubscribe,
  personName,
  singleLine,
} from "./template.ts";

const rating = z.number().min(0).max(10);

const data = z.object({
  name: personName,
  weekStart: localDate,
  weekEnd: localDate,
  practiceCount: z.number().int().min(0),
  exercises: z
    .array(z.object({ title: singleLine(120), count: z.number().int().min(1) }))
    .max(50)
    .default([]),
  scales: z
    .array(
      z.object({
        scaleId: z.string().min(1).max(40),
        left: singleLine(40),
        right: singleLine(40),
        harshMean: rating,
        kinderMean: rating,
        count: z.number().int().min(1),
      }),
    )
    .max(20)
    .default([]),
  /** Which entries the client let us quote (ids only: the outbox never holds words). */
  quoteEntryIds: z.array(z.uuid()).max(3).default([]),
  /** Filled in by the worker at send time, decrypted from those entries; never stored. */
  quotes: z.array(z.string().trim().min(1).max(400)).max(3).default([]),
  reflectionUrl: actionUrl,
  preferencesUrl: actionUrl,
  unsubscribeUrl: headerSafeUrl,
});

type WeeklySummaryData = z.infer<typeof data>;
type Scale = WeeklySummaryData["scales"][number];

const quiet = { color: "#3f7d6e" };
const quoteStyle = {
  borderLeft: "3px solid #cfe3dc",
  color: "#2f3a37",
  fontSize: "16px",
  fontStyle: "italic",
  lineHeight: "26px",
  margin: "12px 0",
  paddingLeft: "12px",
};

/** 7 → "7", 6.5 → "6.5": a rating as a reader would say it. */
const say = (n: number) => String(Math.round(n * 10) / 10);
const times = (n: number) => (n === 1 ? "once" : n === 2 ? "twice" : `${n} times`);

/** How the kinder version felt next to the harsh one, in words (0 = left end, 10 = right end). */
export function scaleSentence(s: Scale): string {
  const harsh = `${say(s.harshMean)} of 10`;
  const kinder = `${say(s.kinderMean)} of 10`;
  const difference = s.kinderMean - s.harshMean;
  if (difference >= 0.5)
    return `Your kinder versions felt closer to '${s.right}' (${kinder}) than the harsh ones (${harsh}).`;
  if (difference <= -0.5)
    return `This week your kinder versions sat a little nearer '${s.left}' (${kinder}) than the harsh ones (${harsh}). Kinder words can take a while to feel true, and noticing that is part of the practice.`;
  return `Between '${s.left}' and '${s.right}', your harsh and kinder versions felt about the same (${harsh} and ${kinder}).`;
}

function WeeklySummaryEmail(d: WeeklySummaryData) {
  const week = formatWeek(d.weekStart, d.weekEnd);
  const footer = (
    <SmallPrint>
      This summary is for you alone. You can choose the day it comes, or whether your own words
      appear in it, in your{" "}
      <Link href={d.preferencesUrl} style={quiet}>
        email preferences
      </Link>
      , or{" "}
      <Link href={d.unsubscribeUrl} style={quiet}>
        stop weekly summaries
      </Link>
      .
    </SmallPrint>
  );

  if (d.practiceCount === 0) {
    return (
      <EmailLayout preview={`A gentle look at your week, ${week}.`} heading={`Your week, ${week}`}>
        <Paragraph>Hi {d.name},</Paragraph>
        <Paragraph>
          There was no practice in Tend this week, and that is perfectly alright. Nothing is wrong
          and there is nothing to catch up on: some weeks are full in other ways.
        </Paragraph>
        <Paragraph>
          Your exercises will be there whenever you'd like them. If you feel like it, a few minutes
          with the weekly reflection can be a kind way to look back on the week, whatever it held.
        </Paragraph>
        <Action href={d.reflectionUrl} label="Write this week's reflection" />
        {footer}
      </EmailLayout>
    );
  }

  return (
    <EmailLayout
      preview={`You practised ${times(d.practiceCount)} this week.`}
      heading={`Your week, ${week}`}
    >
      <Paragraph>Hi {d.name},</Paragraph>
      <Paragraph>
        You practised {times(d.practiceCount)} this week. Here is a little of what you noticed.
      </Paragraph>
      {d.exercises.length > 0 && (
        <Section>
          {d.exercises.map((e) => (
            <Text key={e.title} style={{ fontSize: "16px", lineHeight: "24px", margin: "4px 0" }}>
              • {e.title}: {times(e.count)}
            </Text>
          ))}
        </Section>
      )}
      {d.scales.length > 0 && (
        <>
          <Paragraph>How the kinder words felt:</Paragraph>
          {d.scales.map((s) => (
            <Paragraph key={s.scaleId}>{scaleSentence(s)}</Paragraph>
          ))}
        </>
      )}
      {d.quotes.length > 0 && (
        <>
          <Paragraph>Some of the kinder words you wrote to yourself:</Paragraph>
          {d.quotes.map((q) => (
            <Text key={q} style={quoteStyle}>
              “{q}”
            </Text>
          ))}
        </>
      )}
      <Paragraph>
        When you have ten quiet minutes, the weekly reflection is a chance to put the week into your
        own words.
      </Paragraph>
      <Action href={d.reflectionUrl} label="Write this week's reflection" />
      {footer}
    </EmailLayout>
  );
}

export const weeklySummary = defineTemplate({
  data,
  subject: (d) =>
    d.practiceCount === 0
      ? `Your week in Tend, ${formatWeek(d.weekStart, d.weekEnd)}`
      : `Your week in Tend: ${d.practiceCount === 1 ? "one practice" : `${d.practiceCount} practices`} to look back on`,
  Email: WeeklySummaryEmail,
  headers: (d) => oneClickUnsubscribe(d.unsubscribeUrl),
});
