import { createHash } from "node:crypto";
import { hostname } from "node:os";
import MailComposer from "nodemailer/lib/mail-composer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import { createMimeComposer, isPlainAddress, quotedPrintable } from "./mime.ts";
import { createPipelinePool } from "./smtp-pipeline.ts";
import { createSmtpPool, type SmtpPool } from "./smtp-pool.ts";

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
  /** How many sends are worth running at once (connections × messages in flight on each). */
  connections: number;
  close: () => void;
};

/**
 * SMTP connections per worker process, messages sent over one before it is renewed, and how
 * many messages each has on the wire at once (pipelined: one message's data goes out with the
 * next one's envelope; see smtp-pipeline.ts). 4 × 4 sends at once kept the reminder bench's
 * worker busiest; more connections also widen what a SIGKILL can leave sent but unrecorded
 * when the server is slow (worker-process.int.test.ts).
 */
export const SMTP_POOL = { maxConnections: 4, maxMessages: 1_000, inFlightEach: 4 } as const;

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

/** What EHLO says, as nodemailer's SMTPConnection works it out: a FQDN, or an address literal. */
export function ehloName(host: string = hostname()): string {
  if (!host.includes(".")) return "[127.0.0.1]";
  return /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ? `[${host}]` : host;
}

/**
 * Pooled SMTP connections (email/smtp-pipeline.ts, email/smtp-pool.ts) sending composed
 * messages. Transactional emails carry no List-Unsubscribe; reminders, summaries and digests
 * bring their own (RFC 8058 one-click) through `headers`.
 */
export function createMailer({ smtpUrl, from }: { smtpUrl: string; from: string }): Mailer {
  const { auth, ...connection } = parseConnectionUrl(smtpUrl);
  const url = connection as typeof connection & {
    ignoreTLS?: boolean;
    requireTLS?: boolean;
    name?: string;
  };
  const fast = createPipelinePool({
    host: url.host ?? "localhost",
    port: url.port ?? (url.secure ? 465 : 587),
    secure: url.secure === true,
    ignoreTLS: url.ignoreTLS === true,
    requireTLS: url.requireTLS === true,
    ...(url.tls ? { tls: url.tls } : {}),
    ...(auth ? { auth } : {}),
    name: url.name ?? ehloName(),
    ...SMTP_TIMEOUTS,
    maxConnections: SMTP_POOL.maxConnections,
    maxMessages: SMTP_POOL.maxMessages,
  });
  // nodemailer's SMTPConnection, for a server the pipelined client cannot use (no PIPELINING,
  // an AUTH mechanism other than PLAIN or LOGIN).
  let fallback: SmtpPool | undefined;
  let useFallback = false;
  const deliver = async (envelope: { from: string; to: string[] }, raw: string) => {
    // An internationalised address needs SMTPUTF8, which only SMTPConnection speaks.
    const ascii = /^[\x20-\x7e]*$/.test(envelope.from + envelope.to.join(""));
    if (!useFallback && ascii) {
      try {
        return await fast.send(envelope, raw);
      } catch (err) {
        // Unsuited, or found unsuited by a send at the same time (which closed it): nothing of
        // this message was sent, as no connection got past its greeting.
        if ((err as { code?: string }).code !== "EUNSUPPORTED" && !useFallback) throw err;
        if (!useFallback) fast.close();
        useFallback = true;
      }
    }
    fallback ??= createSmtpPool({
      connection: { ...connection, ...SMTP_TIMEOUTS, logger: false },
      ...(auth ? { auth } : {}),
      maxConnections: SMTP_POOL.maxConnections * 2,
      maxMessages: SMTP_POOL.maxMessages,
    });
    return fallback.send(envelope, raw);
  };
  const domain = senderDomain(from);
  const composer = createMimeComposer(from);
  return {
    send: async (email) => {
      const messageId = messageIdFor(email.idempotencyKey, domain);
      // RFC 3834: sent by software, so vacation responders stay quiet.
      const headers = { ...email.headers, "Auto-Submitted": "auto-generated" };
      if (isPlainAddress(email.to)) {
        // The common case, composed here from parts encoded once (see mime.ts).
        await deliver(
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
      await deliver({ from: envelope.from, to: envelope.to }, raw.toString("utf8"));
      return { messageId };
    },
    connections: SMTP_POOL.maxConnections * SMTP_POOL.inFlightEach,
    close: () => {
      fast.close();
      fallback?.close();
    },
  };
}
