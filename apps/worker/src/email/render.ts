import { randomBytes } from "node:crypto";
import { plainTextSelectors } from "@react-email/render";
import { compile } from "html-to-text";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { z } from "zod";
import { joinQuotedPrintable, quotedPrintable } from "./mime.ts";
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
  /** The text and HTML parts already quoted-printable, when the template's skeleton had them. */
  textQp?: string;
  htmlQp?: string;
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

/**
 * The plain-text part: @react-email/render's `toPlainText` (no word wrap, its selectors), with
 * headings kept in sentence case (html-to-text shouts them by default). Its options are compiled
 * once here: `toPlainText` compiles them again for every email, which cost more than the rest of
 * the conversion.
 */
const toPlainText = compile({
  wordwrap: false,
  selectors: [
    ...plainTextSelectors,
    ...["h1", "h2"].map((selector) => ({ selector, options: { uppercase: false } })),
  ],
});

type AnyTemplate = {
  data: z.ZodType;
  subject: (d: unknown) => string;
  Email: (props: Record<string, unknown>) => ReactElement;
  headers?: (d: unknown) => Record<string, string>;
  fill?: readonly string[];
};

/** Validate `data` against the template, then render the subject, the HTML and the plain-text part. */
export async function renderEmail(template: string, data: unknown): Promise<RenderedEmail> {
  return render(template, data, true);
}

/** `renderEmail` without the skeletons: React and html-to-text for every email (tests compare). */
export async function renderEmailFully(template: string, data: unknown): Promise<RenderedEmail> {
  return render(template, data, false);
}

function render(template: string, data: unknown, skeleton: boolean): RenderedEmail {
  if (!isTemplateName(template)) throw new EmailDataError(`unknown email template "${template}"`);
  // Each entry pairs its schema with its component; the registry's union type cannot say so.
  const t = emailTemplates[template] as unknown as AnyTemplate;
  const parsed = t.data.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`);
    throw new EmailDataError(`invalid data for template "${template}": ${problems.join("; ")}`);
  }
  const props = parsed.data as Record<string, unknown>;
  return (skeleton && t.fill && renderFilled(template, t, t.fill, props)) || renderFully(t, props);
}

/** React's static render, then the text part made from that HTML. */
function renderFully(t: AnyTemplate, props: Record<string, unknown>): RenderedEmail {
  const element = createElement(t.Email, props);
  // Render once; the text part is made from that HTML (what `plainText: true` would do, minus a
  // second React render). Our templates are synchronous, so React's static renderer gives the
  // same markup as @react-email/render's streaming `render` (less its hydration comments) at a
  // third of the cost.
  const html = `${XHTML_DOCTYPE}${stripImagePreloads(renderToStaticMarkup(element))}`;
  const text = toPlainText(html);
  return {
    subject: t.subject(props),
    html,
    text,
    headers: t.headers?.(props) ?? {},
  };
}

// ── Rendering once, filling in many times ──────────────────────────────────

/** A rendered part cut at its stand-ins: text, field index, text, field index, …, text. */
type Cut = Array<string | number>;
type Skeleton = {
  subject: Cut;
  html: Cut;
  text: Cut;
  headers: Array<[string, Cut]>;
  /** `html` and `text` with their fixed pieces quoted-printable-encoded once. */
  htmlQp: Cut;
  textQp: Cut;
};

/** Stand-ins are letters and digits only: React, html-to-text and headers leave them alone. */
const standInTag = `tendfill${randomBytes(6).toString("hex")}x`;
const standIn = (index: number) => `${standInTag}${index}z`;
const standInPattern = new RegExp(`${standInTag}([0-9]+)z`, "g");

/** Skeletons by template and the values of its other fields; the least recently used go first. */
const skeletons = new Map<string, Skeleton | "unsafe">();
const MAX_SKELETONS = 500;

/**
 * Values that come out of html-to-text exactly as they went in: no whitespace but single spaces
 * between other characters (html-to-text collapses and trims whitespace runs). Any other value
 * takes the full render.
 */
const plainValue = /^[^\s\u200b]+(?: [^\s\u200b]+)*$/;

/** What React does to text and attribute values (escapeTextForBrowser). */
const htmlEscapes: Record<string, string> = {
  '"': "&quot;",
  "&": "&amp;",
  "'": "&#x27;",
  "<": "&lt;",
  ">": "&gt;",
};
const escapeHtml = (value: string) => value.replace(/["&'<>]/g, (c) => htmlEscapes[c]!);

function cut(rendered: string): Cut {
  const parts: Cut = [];
  let last = 0;
  for (const m of rendered.matchAll(standInPattern)) {
    parts.push(rendered.slice(last, m.index), Number(m[1]));
    last = m.index + m[0].length;
  }
  parts.push(rendered.slice(last));
  return parts;
}

function fillIn(parts: Cut, values: string[]): string {
  let out = "";
  for (const part of parts) out += typeof part === "number" ? values[part]! : part;
  return out;
}

const encodeCut = (parts: Cut): Cut =>
  parts.map((part) => (typeof part === "number" ? part : quotedPrintable(part)));

function fillInQp(parts: Cut, encodedValues: string[]): string {
  return joinQuotedPrintable(
    parts.map((part) => (typeof part === "number" ? encodedValues[part]! : part)),
  );
}

/**
 * The email from its template's skeleton, or undefined when the full render must be used (a
 * value html-to-text would change, or a skeleton that did not reproduce the full render). The
 * first email of every skeleton is rendered both ways and compared: a skeleton that differs is
 * never used, and that combination is always rendered fully.
 */
function renderFilled(
  template: string,
  t: AnyTemplate,
  fill: readonly string[],
  props: Record<string, unknown>,
): RenderedEmail | undefined {
  const values: string[] = [];
  for (const field of fill) {
    const value = props[field];
    if (typeof value !== "string" || !plainValue.test(value)) return undefined;
    values.push(value);
  }
  const rest: Record<string, unknown> = { ...props };
  for (const field of fill) delete rest[field];
  const key = `${template}\u0000${JSON.stringify(rest)}`;

  let skeleton = skeletons.get(key);
  let check: RenderedEmail | undefined;
  if (skeleton === undefined) {
    const standIns: Record<string, unknown> = { ...props };
    fill.forEach((field, i) => {
      standIns[field] = standIn(i);
    });
    const shape = renderFully(t, standIns);
    const html = cut(shape.html);
    const text = cut(shape.text);
    skeleton = {
      subject: cut(shape.subject),
      html,
      text,
      headers: Object.entries(shape.headers).map(([name, value]) => [name, cut(value)]),
      htmlQp: encodeCut(html),
      textQp: encodeCut(text),
    };
    check = renderFully(t, props);
  } else {
    // Most recently used last.
    skeletons.delete(key);
  }
  if (skeleton === "unsafe") {
    skeletons.set(key, skeleton);
    return undefined;
  }
  const escaped = values.map(escapeHtml);
  const email: RenderedEmail = {
    subject: fillIn(skeleton.subject, values),
    html: fillIn(skeleton.html, escaped),
    text: fillIn(skeleton.text, values),
    headers: Object.fromEntries(
      skeleton.headers.map(([name, parts]) => [name, fillIn(parts, values)]),
    ),
    htmlQp: fillInQp(skeleton.htmlQp, escaped.map(quotedPrintable)),
    textQp: fillInQp(skeleton.textQp, values.map(quotedPrintable)),
  };
  if (check && !sameEmail(email, check)) {
    skeletons.set(key, "unsafe");
    return check;
  }
  skeletons.set(key, skeleton);
  if (skeletons.size > MAX_SKELETONS) skeletons.delete(skeletons.keys().next().value!);
  return email;
}

function sameEmail(a: RenderedEmail, b: RenderedEmail): boolean {
  return (
    a.subject === b.subject &&
    a.html === b.html &&
    a.text === b.text &&
    JSON.stringify(a.headers) === JSON.stringify(b.headers)
  );
}
