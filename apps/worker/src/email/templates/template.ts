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

/** "3 December 2026 at 14:00 UTC": the reader's time zone is unknown here, so say UTC. */
export function formatUtc(iso: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(new Date(iso));
}
