import { createHash } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import { createMimeComposer, isPlainAddress, quotedPrintable } from "./mime.ts";
import { createSmtpPool } from "./smtp-pool.ts";

/**
 * How long one SMTP step may take before the connection gives up. Together they bound a send,
 * and that bound must stay well inside the outbox lease (see jobs/send-email.ts).
 */
export const SMTP_TIMEOUTS = {
  connectionTimeout: 10_000,
  greetingTimeout: 10_000,
  socketTimeout: 30_000,
} as const;

export type OutgoingEmail = {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The outbox row's key: it fixes the Message-ID, so a resend is recognisably the same email. */
  idempotencyKey: string;
  /** The template's own headers (List-Unsubscribe for reminders and summaries). */
  headers?: Record<string, string>;
  /** `text` and `html` already quoted-printable (from a template's skeleton), if at hand. */
  textQp?: string;
  htmlQp?: string;
};

export type Mailer = {
  send: (email: OutgoingEmail) => Promise<{ messageId: string }>;
  /** SMTP connections the pool keeps open: how many sends are worth running at once. */
  connections: number;
  close: () => void;
};

/** Pooled SMTP connections per worker process, and messages sent over one before it is renewed. */
export const SMTP_POOL = { maxConnections: 8, maxMessages: 1_000 } as const;

/** `<first 32 hex digits of sha256(key)@domain>`: one key, one Message-ID, on every attempt. */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  const digest = createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32);
  return `<${digest}@${domain}>`;
}

/** The domain of `Tend <no-reply@tend.local>` or `no-reply@tend.local`. */
export function senderDomain(from: string): string {
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  return (
    address
      .slice(address.lastIndexOf("@") + 1)
      .trim()
      .toLowerCase() || "tend.local"
  );
}

/**
 * Pooled SMTP connections (email/smtp-pool.ts) sending composed messages. Transactional emails
 * carry no List-Unsubscribe; reminders, summaries and digests bring their own (RFC 8058
 * one-click) through `headers`.
 */
export function createMailer({ smtpUrl, from }: { smtpUrl: string; from: string }): Mailer {
  const { auth, ...connection } = parseConnectionUrl(smtpUrl);
  const pool = createSmtpPool({
    connection: { ...connection, ...SMTP_TIMEOUTS, logger: false },
    ...(auth ? { auth } : {}),
    ...SMTP_POOL,
  });
  const domain = senderDomain(from);
  const composer = createMimeComposer(from);
  return {
    send: async (email) => {
      const messageId = messageIdFor(email.idempotencyKey, domain);
      // RFC 3834: sent by software, so vacation responders stay quiet.
      const headers = { ...email.headers, "Auto-Submitted": "auto-generated" };
      if (isPlainAddress(email.to)) {
        // The common case, composed here from parts encoded once (see mime.ts).
        await pool.send(
          { from: composer.envelopeFrom, to: [email.to] },
          composer.compose({
            to: email.to,
            subject: email.subject,
            messageId,
            headers,
            textQp: email.textQp ?? quotedPrintable(email.text),
            htmlQp: email.htmlQp ?? quotedPrintable(email.html),
          }),
        );
        return { messageId };
      }
      // Anything else (a display name, an internationalised address) goes through nodemailer's
      // full composer, which also works out the envelope.
      const node = new MailComposer({
        from,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId,
        headers,
        disableFileAccess: true,
        disableUrlAccess: true,
      }).compile();
      const envelope = node.getEnvelope();
      if (!envelope.from || envelope.to.length === 0)
        throw Object.assign(new Error("No usable recipient"), { code: "EENVELOPE" });
      const raw = await node.build();
      await pool.send({ from: envelope.from, to: envelope.to }, raw);
      return { messageId };
    },
    connections: SMTP_POOL.maxConnections,
    close: () => pool.close(),
  };
}
