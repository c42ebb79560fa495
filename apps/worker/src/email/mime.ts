import { randomBytes } from "node:crypto";
import addressparser from "nodemailer/lib/addressparser";
import { foldLines } from "nodemailer/lib/mime-funcs";
import MimeNode from "nodemailer/lib/mime-node";
import { encode, wrap } from "nodemailer/lib/qp";

// The message an email becomes on the wire, written from parts that are encoded once. nodemailer's
// MailComposer builds the same message through a tree of streams and encodes every body anew,
// which costs about as much as everything else the worker does per email together (see
// BENCHMARKS.md); here the headers still go through nodemailer's own encoders, and a template's
// fixed text is quoted-printable-encoded once (email/render.ts keeps it with the template).

/** Text as a quoted-printable body: CRLF line ends, no line longer than 76 characters. */
export function quotedPrintable(text: string): string {
  return wrap(encode(text.replace(/\r?\n/g, "\r\n")), 76);
}

/**
 * Pieces encoded one by one with `quotedPrintable` (a template's fixed text, and each email's
 * own values), joined with soft line breaks: the result decodes to the pieces' concatenation.
 */
export function joinQuotedPrintable(pieces: string[]): string {
  return pieces.filter((p) => p.length > 0).join("=\r\n");
}

/** An address that goes into `To:` and the envelope as it is (anything else takes MailComposer). */
const plainAddress = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

export function isPlainAddress(address: string): boolean {
  return address.length <= 254 && plainAddress.test(address);
}

export type MimeParts = {
  to: string;
  subject: string;
  messageId: string;
  /** Headers before From (as nodemailer puts the caller's own headers first). */
  headers: Record<string, string>;
  /** The bodies, already quoted-printable (`quotedPrintable`, `joinQuotedPrintable`). */
  textQp: string;
  htmlQp: string;
  date?: Date;
};

export type MimeComposer = {
  /** The envelope's sender: the address inside the From header. */
  envelopeFrom: string;
  compose: (parts: MimeParts) => string;
};

/** One node for its header encoders (each new MimeNode draws random bytes for a boundary). */
const encoder = new MimeNode();

/** One line of a header, encoded and folded the way nodemailer's MimeNode does it. */
function headerLine(key: string, value: string): string {
  return foldLines(`${key}: ${encoder.encodeHeaderValue(key, value)}`, 76);
}

/** Boundaries: random per process, then counted (no random bytes drawn per email). */
const boundaryBase = `--_tend-${randomBytes(12).toString("hex")}-`;
let boundaryCount = 0;

/**
 * Compose multipart/alternative messages (a plain-text part, then the HTML part) from `from`,
 * e.g. `Tend <no-reply@tend.local>`.
 */
export function createMimeComposer(from: string): MimeComposer {
  const sender = addressparser(from, { flatten: true })[0]?.address;
  if (!sender) throw new Error(`MAIL_FROM has no address: ${from}`);
  const fromLine = headerLine("From", from);
  return {
    envelopeFrom: sender,
    compose: (parts) => {
      const boundary = `${boundaryBase}${(boundaryCount++).toString(36)}`;
      const head = [
        ...Object.entries(parts.headers).map(([key, value]) => headerLine(key, value)),
        fromLine,
        headerLine("To", parts.to),
        headerLine("Subject", parts.subject),
        headerLine("Message-ID", parts.messageId),
        `Date: ${(parts.date ?? new Date()).toUTCString().replace(/GMT/, "+0000")}`,
        "MIME-Version: 1.0",
        `Content-Type: multipart/alternative;\r\n boundary="${boundary}"`,
      ].join("\r\n");
      return (
        `${head}\r\n\r\n` +
        `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
        `Content-Transfer-Encoding: quoted-printable\r\n\r\n${parts.textQp}\r\n` +
        `--${boundary}\r\nContent-Type: text/html; charset=utf-8\r\n` +
        `Content-Transfer-Encoding: quoted-printable\r\n\r\n${parts.htmlQp}\r\n` +
        `--${boundary}--\r\n`
      );
    },
  };
}
