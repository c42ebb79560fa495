import SMTPConnection from "nodemailer/lib/smtp-connection";

/**
 * A small pool of nodemailer `SMTPConnection`s (its documented lower-level client) sending
 * messages that are already composed. nodemailer's pooled transport builds a Mail, a MailMessage
 * and a MimeNode tree with its streams for every message, raw or not; under the reminder bench
 * that machinery cost more CPU than anything else the worker did per email (BENCHMARKS.md).
 * Here a send is one `SMTPConnection.send`: MAIL FROM, RCPT TO and DATA go out pipelined
 * (RFC 2920, when the server offers PIPELINING), then the message.
 *
 * Each message's outcome is its own: a refusal (4xx/5xx) fails only that send, after which the
 * connection is reset (RSET) and used again; anything else (a timeout, a dropped connection)
 * closes that connection, and the next send opens a new one.
 */
export type SmtpPoolOptions = {
  /** `smtp://[user:pass@]host:port` or `smtps://…`, as nodemailer reads it. */
  connection: SMTPConnection.Options;
  auth?: SMTPConnection.AuthenticationType;
  maxConnections: number;
  /** Messages over one connection before it is replaced (spreads load over server processes). */
  maxMessages: number;
};

export type SmtpPool = {
  send: (envelope: { from: string; to: string[] }, message: string | Buffer) => Promise<void>;
  /** Quit every connection; sends still waiting for one fail. */
  close: () => void;
};

type Conn = {
  smtp: SMTPConnection;
  messages: number;
  /** The server closed it, it failed, or it is being closed: never used again. */
  gone: boolean;
};

export function createSmtpPool(options: SmtpPoolOptions): SmtpPool {
  const idle: Conn[] = [];
  let open = 0; // connections open or opening
  const waiting: Array<{ resolve: (c: Conn) => void; reject: (e: Error) => void }> = [];
  let closed = false;
  const all = new Set<Conn>();

  /** Take a connection out of the pool: QUIT politely, or just close it (after a failure). */
  const discard = (conn: Conn, how: "quit" | "close" = "close") => {
    if (conn.gone) return;
    conn.gone = true;
    open--;
    all.delete(conn);
    const at = idle.indexOf(conn);
    if (at >= 0) idle.splice(at, 1);
    if (how === "quit") conn.smtp.quit();
    else conn.smtp.close();
    // A slot is free again: someone waiting gets a new connection.
    const next = waiting.shift();
    if (next) openConnection().then(next.resolve, next.reject);
  };

  const openConnection = (): Promise<Conn> => {
    if (closed) return Promise.reject(new Error("SMTP pool closed"));
    open++;
    const smtp = new SMTPConnection(options.connection);
    const conn: Conn = { smtp, messages: 0, gone: false };
    all.add(conn);
    return new Promise<Conn>((resolve, reject) => {
      let ready = false;
      const fail = (err: Error) => {
        if (!ready) {
          ready = true;
          // Not `discard`: its slot goes back without handing waiters a connection that
          // would fail the same way; they try again on the next release or send.
          conn.gone = true;
          open--;
          all.delete(conn);
          smtp.close();
          reject(err);
          return;
        }
        discard(conn);
      };
      // An idle connection the server closes (its idle timeout, a restart) leaves the pool at once.
      smtp.on("error", fail);
      smtp.on("end", () =>
        fail(Object.assign(new Error("connection closed"), { code: "ECONNECTION" })),
      );
      smtp.connect((err) => {
        if (err) return fail(err);
        if (!options.auth) {
          ready = true;
          return resolve(conn);
        }
        smtp.login(options.auth, (loginErr) => {
          if (loginErr) return fail(loginErr);
          ready = true;
          resolve(conn);
        });
      });
    });
  };

  const acquire = (): Promise<Conn> => {
    if (closed) return Promise.reject(new Error("SMTP pool closed"));
    const conn = idle.pop();
    if (conn) return Promise.resolve(conn);
    if (open < options.maxConnections) return openConnection();
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };

  const release = (conn: Conn) => {
    if (conn.gone) return;
    if (closed || conn.messages >= options.maxMessages) {
      discard(conn, "quit");
      return;
    }
    const next = waiting.shift();
    if (next) next.resolve(conn);
    else idle.push(conn);
  };

  return {
    send: async (envelope, message) => {
      const conn = await acquire();
      conn.messages++;
      try {
        await new Promise<void>((resolve, reject) =>
          conn.smtp.send(envelope, message, (err) => (err ? reject(err) : resolve())),
        );
      } catch (err) {
        const e = err as { code?: string; responseCode?: number };
        // The server refused this message (it answered): the session is fine once reset.
        if ((e.code === "EENVELOPE" || e.code === "EMESSAGE") && e.responseCode !== 421) {
          conn.smtp.reset((resetErr) => (resetErr ? discard(conn) : release(conn)));
        } else {
          discard(conn);
        }
        throw err;
      }
      release(conn);
    },
    close: () => {
      closed = true;
      for (const w of waiting.splice(0)) w.reject(new Error("SMTP pool closed"));
      // Idle ones say QUIT; one still sending is closed (its send fails and is retried later).
      for (const conn of [...all]) discard(conn, idle.includes(conn) ? "quit" : "close");
    },
  };
}
