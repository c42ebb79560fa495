import { toPlainText } from "@react-email/render";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { z } from "zod";
import { changeEmail } from "./templates/change-email.tsx";
import { clientJoined } from "./templates/client-joined.tsx";
import { clientLeft } from "./templates/client-left.tsx";
import { invite } from "./templates/invite.tsx";
import { magicLink } from "./templates/magic-link.tsx";
import { practiceReminder } from "./templates/practice-reminder.tsx";
import { resetPassword } from "./templates/reset-password.tsx";
import { therapistDigest } from "./templates/therapist-digest.tsx";
import { verifyEmail } from "./templates/verify-email.tsx";
import { weeklySummary } from "./templates/weekly-summary.tsx";

/** Every email the worker can send, by the name an outbox row's `template` column uses. */
export const emailTemplates = {
  invite,
  "magic-link": magicLink,
  "reset-password": resetPassword,
  "verify-email": verifyEmail,
  "change-email": changeEmail,
  "client-joined": clientJoined,
  "client-left": clientLeft,
  "practice-reminder": practiceReminder,
  "weekly-summary": weeklySummary,
  "therapist-digest": therapistDigest,
};

export type TemplateName = keyof typeof emailTemplates;
/** The `data` an outbox row must carry for a template. */
export type TemplateData<T extends TemplateName> = z.input<(typeof emailTemplates)[T]["data"]>;

export type RenderedEmail = {
  subject: string;
  html: string;
  text: string;
  /** Headers the template asks for (List-Unsubscribe…); none for transactional emails. */
  headers: Record<string, string>;
};

/**
 * The row asks for something no email can be made from (unknown template, data that does
 * not fit it). Sending again would not help: the row is failed with this message.
 * The message names fields, never their values (they may be personal).
 */
export class EmailDataError extends Error {
  override readonly name = "EmailDataError";
}

export function isTemplateName(name: string): name is TemplateName {
  return Object.hasOwn(emailTemplates, name);
}

/** The doctype @react-email/render puts on every email. */
const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/** React 19 adds <link rel="preload" as="image"> for images; mail clients need none (as render does). */
function stripImagePreloads(html: string): string {
  return html.replace(/<link\b[^>]*\brel="preload"[^>]*\bas="image"[^>]*\/?>/g, "");
}

/** Headings in the plain-text part stay in sentence case (html-to-text shouts them by default). */
const textOptions = {
  selectors: ["h1", "h2"].map((selector) => ({ selector, options: { uppercase: false } })),
};

/** Validate `data` against the template, then render the subject, the HTML and the plain-text part. */
export async function renderEmail(template: string, data: unknown): Promise<RenderedEmail> {
  if (!isTemplateName(template)) throw new EmailDataError(`unknown email template "${template}"`);
  // Each entry pairs its schema with its component; the registry's union type cannot say so.
  const t = emailTemplates[template] as unknown as {
    data: z.ZodType;
    subject: (d: unknown) => string;
    Email: (props: Record<string, unknown>) => ReactElement;
    headers?: (d: unknown) => Record<string, string>;
  };
  const parsed = t.data.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`);
    throw new EmailDataError(`invalid data for template "${template}": ${problems.join("; ")}`);
  }
  const element = createElement(t.Email, parsed.data as Record<string, unknown>);
  // Render once; the text part is made from that HTML (what `plainText: true` would do, minus a
  // second React render). Our templates are synchronous, so React's static renderer gives the
  // same markup as @react-email/render's streaming `render` (less its hydration comments) at a
  // third of the cost: rendering is most of a worker's time per email (see BENCHMARKS.md).
  const html = `${XHTML_DOCTYPE}${stripImagePreloads(renderToStaticMarkup(element))}`;
  const text = toPlainText(html, textOptions);
  return {
    subject: t.subject(parsed.data),
    html,
    text,
    headers: t.headers?.(parsed.data) ?? {},
  };
}
