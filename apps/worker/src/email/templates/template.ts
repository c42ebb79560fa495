import type { ReactElement } from "react";
import { z } from "zod";

/**
 * One email: the shape of its `data` (checked before rendering, so a bad outbox row is
 * rejected with a reason instead of sending a broken email), its subject, and its body.
 */
export type EmailTemplate<Schema extends z.ZodType> = {
  data: Schema;
  subject: (data: z.infer<Schema>) => string;
  Email: (props: z.infer<Schema>) => ReactElement;
  /** Extra message headers (e.g. List-Unsubscribe for emails people can turn off). */
  headers?: (data: z.infer<Schema>) => Record<string, string>;
  /**
   * Fields of `data` the email only prints as they are (text or a link), never measures, formats
   * or branches on. Such an email is rendered once per combination of its other fields, with
   * stand-ins for these, and each email fills its own values in (see render.ts): a render costs
   * microseconds instead of milliseconds. Leave out anything whose length or content changes the
   * markup (e.g. text inside <Preview>, which pads to a fixed length).
   */
  fill?: ReadonlyArray<keyof z.infer<Schema> & string>;
};

export function defineTemplate<Schema extends z.ZodType>(
  template: EmailTemplate<Schema>,
): EmailTemplate<Schema> {
  return template;
}

/** A person's name as shown in a subject or greeting: one line, no control characters. */
export const personName = z
  .string()
  .trim()
  .min(1)
  .max(120)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  .regex(/^[^\u0000-\u001f\u007f]+$/, { message: "must be a single line of text" });

/** A link the reader will open: http(s) only. */
export const actionUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" });

/** A link that also goes into a header: an http(s) URL with no spaces, line breaks or angle brackets. */
export const headerSafeUrl = actionUrl.refine((u) => !/[\s<>]/.test(u), {
  message: "must be a URL without spaces or angle brackets",
});

/**
 * RFC 2369 + RFC 8058: mail apps show an "unsubscribe" button that POSTs to the URL with no
 * cookies; the API stops that kind of email at once. Only for emails people can turn off.
 */
export function oneClickUnsubscribe(url: string): Record<string, string> {
  return {
    "List-Unsubscribe": `<${url}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

/** One line of text someone (or an exercise) named: no control characters. */
export const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    .regex(/^[^\u0000-\u001f\u007f]+$/, { message: "must be a single line of text" });

/** A local calendar date, "YYYY-MM-DD". */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date like 2026-01-31");

/** Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept. */
const localFormats = new Map<string, Intl.DateTimeFormat>();

/** True for an IANA zone name this runtime knows (e.g. "Australia/Lord_Howe"). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (localFormats.has(timeZone)) return true;
  try {
    localFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

function localFormat(timeZone: string): Intl.DateTimeFormat {
  let format = localFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", {
      weekday: "long",
      day: "numeric",
      month: "long",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone,
    });
    localFormats.set(timeZone, format);
  }
  return format;
}

/** "Tuesday 8 December at 09:00": an instant on the reader's own clock. */
export function formatLocalDateTime(iso: string, timeZone: string): string {
  const parts = localFormat(timeZone).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("weekday")} ${get("day")} ${get("month")} at ${get("hour")}:${get("minute")}`;
}

/** "Tokyo time", "Lord Howe time", "UTC": a zone as people say it. */
export function zoneLabel(timeZone: string): string {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return "UTC";
  const city = timeZone.slice(timeZone.lastIndexOf("/") + 1).replaceAll("_", " ");
  return `${city} time`;
}

const dayMonthFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});
const weekdayDayMonthFormat = new Intl.DateTimeFormat("en-GB", {
  weekday: "long",
  day: "numeric",
  month: "long",
  timeZone: "UTC",
});
const dayMonth = (d: string, withWeekday = false) =>
  (withWeekday ? weekdayDayMonthFormat : dayMonthFormat).format(new Date(`${d}T12:00:00Z`));

/** "Wednesday 18 March" for a local date. */
export function formatLocalDate(date: string): string {
  return dayMonth(date, true);
}

/** "16 – 22 March" (or "30 March – 5 April") for a week of local dates. */
export function formatWeek(start: string, end: string): string {
  return `${dayMonth(start)} – ${dayMonth(end)}`;
}

/** "3 December 2026 at 14:00 UTC": the reader's time zone is unknown here, so say UTC. */
export function formatUtc(iso: string): string {
  return utcFormat.format(new Date(iso));
}
const utcFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});
