import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerError } from "smtp-server";
import { freePort } from "./redis-server.ts";

/** One message the sink accepted, parsed. */
export type ReceivedEmail = {
  /** RCPT TO addresses of the SMTP envelope. */
  envelopeTo: string[];
  messageId: string | undefined;
  subject: string | undefined;
  html: string | false;
  text: string | undefined;
  parsed: ParsedMail;
};

/** How the sink answers: accept, or refuse at RCPT TO (or after DATA) with this reply. */
export type SinkReply = { code: number; message?: string; at?: "rcpt" | "data" };

/**
 * An in-process SMTP server for tests: a free port, no auth, no STARTTLS. It keeps every
 * accepted message (parsed with mailparser), and can be told to answer 4xx/5xx or to be down.
 */
export type SmtpSink = {
  url: string;
  port: number;
  /** Accepted messages, in arrival order. */
  messages: ReceivedEmail[];
  /** Refuse from now on with `reply`; `undefined` accepts again. */
  answer: (reply?: SinkReply) => void;
  /** Refuse some recipients only (at RCPT TO): `rule` picks the reply by address; `undefined` clears it. */
  answerFor: (rule?: (address: string) => SinkReply | undefined) => void;
  /** Hold each message this long before accepting it (makes "in the middle" observable). */
  delay: (ms: number) => void;
  /** Stop listening and drop open connections: clients get "connection refused". */
  down: () => Promise<void>;
  /** Listen again, on the same port. */
  up: () => Promise<void>;
  /** Resolve once at least `count` messages have arrived. */
  waitForCount: (count: number, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

function smtpError(reply: SinkReply): SMTPServerError {
  const err: SMTPServerError = new Error(reply.message ?? `test sink says ${reply.code}`);
  err.responseCode = reply.code;
  return err;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const messages: ReceivedEmail[] = [];
  let reply: SinkReply | undefined;
  let rule: ((address: string) => SinkReply | undefined) | undefined;
  let delayMs = 0;
  let server: SMTPServer | undefined;

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      closeTimeout: 50,
      onRcptTo(address, _session, callback) {
        if (reply && (reply.at ?? "rcpt") === "rcpt") return callback(smtpError(reply));
        const own = rule?.(address.address);
        if (own) return callback(smtpError(own));
        callback();
      },
      onData(stream, session, callback) {
        simpleParser(stream)
          .then(async (parsed) => {
            if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
            if (reply?.at === "data") return callback(smtpError(reply));
            messages.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              messageId: parsed.messageId,
              subject: parsed.subject,
              html: parsed.html ?? false,
              text: parsed.text,
              parsed,
            });
            callback();
          })
          .catch((err: Error) => callback(err));
      },
    });

  const listen = async () => {
    const s = create();
    s.on("error", () => undefined); // a client hanging up mid-session is not the test's business
    await new Promise<void>((resolve, reject) => {
      s.server.once("error", reject);
      s.listen(port, "127.0.0.1", () => resolve());
    });
    server = s;
  };

  const stop = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    for (const connection of s.connections) connection.close();
    await closed;
  };

  await listen();
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    answer: (r) => {
      reply = r;
    },
    answerFor: (r) => {
      rule = r;
    },
    delay: (ms) => {
      delayMs = ms;
    },
    down: stop,
    up: async () => {
      if (!server) await listen();
    },
    waitForCount: async (count, timeoutMs = 15_000) => {
      const end = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > end)
          throw new Error(`expected ${count} emails, got ${messages.length} in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: stop,
  };
}
