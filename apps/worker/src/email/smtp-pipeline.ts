import net from "node:net";
import tls from "node:tls";

// Why hand-written: nodemailer's SMTPConnection (email/smtp-pool.ts, the fallback) pipelines
// MAIL/RCPT/DATA, but then streams each message through a DataStream (dot-stuffing in a JS byte
// loop) and writes it and its terminating dot separately: three socket writes and two round trips
// per message. Under the reminder bench a write to a socket cost ~50-70 µs of the worker's CPU
// on this machine (V8 profile: `writev` + `writeBuffer` ≈ 18 %, DataStream ≈ 5 %). RFC 2920 §3.1
// lets a message's content start a pipelined group, so here one write carries a message, its dot
// and the next message's MAIL FROM, RCPT TO and DATA: one write and one round trip per message.
// No library we found does that. Kept to what the worker needs: plain or implicit TLS, STARTTLS,
// AUTH PLAIN/LOGIN, and servers that offer PIPELINING (otherwise `open` fails with
// EUNSUPPORTED and the mailer uses the SMTPConnection pool). Tested against smtp-server.

export type PipelineOptions = {
  host: string;
  port: number;
  /** TLS from the start (smtps://). */
  secure?: boolean;
  ignoreTLS?: boolean;
  requireTLS?: boolean;
  tls?: tls.ConnectionOptions;
  auth?: { user: string; pass: string };
  /** Sent with EHLO. */
  name?: string;
  connectionTimeout: number;
  greetingTimeout: number;
  /** Longest wait for any reply, and longest idle time before the connection is closed. */
  socketTimeout: number;
  /** Messages over one connection; then it says QUIT once idle (and the pool opens another). */
  maxMessages: number;
};

export type SmtpError = Error & { code: string; responseCode?: number; response?: string };

function smtpError(message: string, code: string, reply?: Reply): SmtpError {
  const err = new Error(reply ? `${message}: ${reply.text}` : message) as SmtpError;
  err.code = code;
  if (reply) {
    err.responseCode = reply.code;
    err.response = reply.text;
  }
  return err;
}

type Reply = { code: number; text: string };

type Message = {
  from: string;
  to: string[];
  data: string;
  /** Fails the connection if the message is still unanswered then. */
  deadline?: NodeJS.Timeout;
  /** Connections this message was handed to (one that dies before starting it hands it back). */
  tries: number;
  resolve: () => void;
  reject: (err: Error) => void;
  rejected: Reply[];
  accepted: number;
  mailReply?: Reply;
};

/** SNI names a host, never an address (RFC 6066). */
function serverName(host: string): { servername?: string } {
  return net.isIP(host) ? {} : { servername: host };
}

/** The refusal of a message's envelope, if its sender or all its recipients were refused. */
function refusalOf(m: Message, dataReply?: Reply): SmtpError | undefined {
  if (m.mailReply) return smtpError("Mail command failed", "EENVELOPE", m.mailReply);
  if (m.accepted > 0 || (m.rejected.length === 0 && !dataReply)) return undefined;
  // A temporary refusal wins: the message may go out later.
  const reply = m.rejected.find((r) => r.code < 500) ?? m.rejected.at(-1) ?? dataReply;
  return smtpError("Can't send mail - all recipients were rejected", "EENVELOPE", reply);
}

/** The message as DATA carries it: CRLF line ends, leading dots doubled, ended by a lone dot. */
export function dataFor(message: string): string {
  const crlf = /\r(?!\n)|(?<!\r)\n/.test(message)
    ? message.replace(/\r\n|\r|\n/g, "\r\n")
    : message;
  const stuffed = (crlf.startsWith(".") ? "." : "") + crlf.replaceAll("\r\n.", "\r\n..");
  return stuffed.endsWith("\r\n") ? `${stuffed}.\r\n` : `${stuffed}\r\n.\r\n`;
}

/**
 * One SMTP connection sending queued messages, pipelined. Each message's outcome is its own:
 * a refused sender or recipient, or a refusal after the data, rejects that send only (with the
 * server's `responseCode`). A timeout or a dropped connection rejects every message on it whose
 * envelope was written, and hands back (`onDead`) those not yet started, to go out elsewhere.
 */
export class PipelinedConnection {
  private socket: net.Socket | undefined;
  private buffer = "";
  private lines: string[] = [];
  private readonly handlers: Array<(reply: Reply) => void> = [];
  /** Messages not started yet. */
  private readonly queue: Message[] = [];
  /** Messages whose envelope or data is on the wire, oldest first. */
  private readonly inFlight: Message[] = [];
  /** The message whose DATA awaits its 354. */
  private awaitingData: Message | undefined;
  private needsReset = false;
  private dead = false;
  private idleTimer: NodeJS.Timeout | undefined;
  /** What a socket timeout means now. */
  private timeoutError = "Timeout waiting for the server";
  /** The handshake command waiting for its reply. */
  private pendingCommand: ((err: Error) => void) | undefined;
  /** Messages sent or refused over this connection, and queued or on the wire. */
  started = 0;

  constructor(
    private readonly opts: PipelineOptions,
    private readonly onDead: (
      conn: PipelinedConnection,
      notStarted: Message[],
      err?: Error,
    ) => void,
  ) {}

  /** Sends the pool has picked this connection for, not queued yet (it may still be opening). */
  reserved = 0;

  /** Messages queued or on the wire, or about to be. */
  get load(): number {
    return this.queue.length + this.inFlight.length + this.reserved;
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** Connect, read the greeting, EHLO (STARTTLS, AUTH). Rejects with EUNSUPPORTED if unsuited. */
  async open(): Promise<void> {
    const o = this.opts;
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = o.secure
        ? tls.connect({ host: o.host, port: o.port, ...serverName(o.host), ...o.tls })
        : net.connect({ host: o.host, port: o.port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(smtpError("Connection timeout", "ETIMEDOUT"));
      }, o.connectionTimeout);
      s.once(o.secure ? "secureConnect" : "connect", () => {
        clearTimeout(timer);
        s.removeAllListeners("error");
        resolve(s);
      });
      s.once("error", (err) => {
        clearTimeout(timer);
        reject(Object.assign(err, { code: (err as SmtpError).code ?? "ECONNECTION" }));
      });
    });
    this.attach(socket);
    let ext = await this.command(undefined, o.greetingTimeout, 220, "Greeting");
    ext = await this.command(`EHLO ${o.name ?? "localhost"}`, o.socketTimeout, 250, "EHLO");
    if (!o.secure && !o.ignoreTLS && /^STARTTLS\b/im.test(ext.text)) {
      await this.command("STARTTLS", o.socketTimeout, 220, "STARTTLS");
      this.detach();
      const secured = tls.connect({ socket, ...serverName(o.host), ...o.tls });
      await new Promise<void>((resolve, reject) => {
        secured.once("secureConnect", () => resolve());
        secured.once("error", reject);
      });
      secured.removeAllListeners("error");
      this.attach(secured);
      ext = await this.command(`EHLO ${o.name ?? "localhost"}`, o.socketTimeout, 250, "EHLO");
    } else if (!o.secure && o.requireTLS) {
      throw this.fail(smtpError("STARTTLS required but not offered", "ETLS"));
    }
    if (!/^PIPELINING\b/im.test(ext.text))
      throw this.fail(smtpError("server does not offer PIPELINING", "EUNSUPPORTED"));
    if (o.auth) await this.login(o.auth, ext.text);
    this.touch();
  }

  private async login(auth: { user: string; pass: string }, ehlo: string) {
    const methods = /^AUTH[ =](.*)$/im.exec(ehlo)?.[1]?.toUpperCase().split(/\s+/) ?? [];
    const t = this.opts.socketTimeout;
    if (methods.includes("PLAIN")) {
      const token = Buffer.from(`\0${auth.user}\0${auth.pass}`).toString("base64");
      await this.command(`AUTH PLAIN ${token}`, t, 235, "AUTH PLAIN");
    } else if (methods.includes("LOGIN")) {
      await this.command("AUTH LOGIN", t, 334, "AUTH LOGIN");
      await this.command(Buffer.from(auth.user).toString("base64"), t, 334, "AUTH LOGIN");
      await this.command(Buffer.from(auth.pass).toString("base64"), t, 235, "AUTH LOGIN");
    } else {
      throw this.fail(smtpError("no supported AUTH method", "EUNSUPPORTED"));
    }
  }

  /** One command in lockstep (the handshake only). */
  private command(line: string | undefined, timeoutMs: number, expect: number, what: string) {
    return new Promise<Reply>((resolve, reject) => {
      if (this.dead) return reject(smtpError(`${what}: connection closed`, "ECONNECTION"));
      const socket = this.socket!;
      this.pendingCommand = reject;
      this.timeoutError = `${what}: timeout`;
      socket.setTimeout(timeoutMs);
      this.handlers.push((reply) => {
        this.pendingCommand = undefined;
        this.timeoutError = "Timeout waiting for the server";
        socket.setTimeout(0);
        if (reply.code === expect) resolve(reply);
        else reject(this.fail(smtpError(`${what} failed`, "EPROTOCOL", reply)));
      });
      if (line !== undefined) socket.write(`${line}\r\n`);
    });
  }

  private attach(socket: net.Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (err) =>
      this.fail(Object.assign(err, { code: (err as SmtpError).code ?? "ECONNECTION" })),
    );
    socket.on("close", () => this.fail(smtpError("connection closed", "ECONNECTION")));
    socket.on("timeout", () => this.fail(smtpError(this.timeoutError, "ETIMEDOUT")));
  }

  /** Before STARTTLS: the TLS socket reads the plain one from now on. */
  private detach() {
    const socket = this.socket!;
    socket.removeAllListeners("data");
    socket.removeAllListeners("error");
    socket.removeAllListeners("close");
    socket.removeAllListeners("timeout");
    socket.on("error", () => undefined); // the TLS socket on top reports it
  }

  private onData(chunk: Buffer) {
    this.buffer += chunk.toString("latin1");
    let at = this.buffer.indexOf("\r\n");
    while (at >= 0) {
      const line = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + 2);
      this.lines.push(line.slice(4));
      // "250-…" continues a reply; "250 …" (or a bare code) ends it.
      if (line.charAt(3) !== "-") {
        const reply = { code: Number(line.slice(0, 3)), text: this.lines.join("\n") };
        this.lines = [];
        const handler = this.handlers.shift();
        if (!handler) {
          // Unasked (e.g. 421 before closing): the connection is not to be trusted any more.
          this.fail(smtpError("unexpected reply", "EPROTOCOL", reply));
          return;
        }
        handler(reply);
        if (this.dead) return;
      }
      at = this.buffer.indexOf("\r\n");
    }
    if (this.buffer.length > 64 * 1024) this.fail(smtpError("reply too long", "EPROTOCOL"));
  }

  /**
   * Queue a message; resolves once the server accepted it. Settles within `socketTimeout`
   * (otherwise the connection is failed, and every message on it with it), so a server that
   * answers just slowly enough never to trip the idle timeout still cannot hold a send for longer.
   */
  send(from: string, to: string[], data: string, tries = 1): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.dead) return reject(smtpError("connection closed", "ECONNECTION"));
      const m: Message = { from, to, data, resolve, reject, rejected: [], accepted: 0, tries };
      this.started++;
      this.queue.push(m);
      m.deadline = setTimeout(
        () =>
          this.fail(smtpError("Timeout waiting for the server to take the message", "ETIMEDOUT")),
        this.opts.socketTimeout,
      );
      if (!this.awaitingData) this.write(this.nextEnvelope());
    });
  }

  /** The next queued message's MAIL FROM, RCPT TO, DATA (after an RSET if one is due). */
  private nextEnvelope(): string {
    const m = this.queue.shift();
    if (!m) return "";
    let out = "";
    if (this.needsReset) {
      this.needsReset = false;
      out += "RSET\r\n";
      this.handlers.push((reply) => {
        if (reply.code !== 250) this.fail(smtpError("RSET failed", "EPROTOCOL", reply));
      });
    }
    this.inFlight.push(m);
    this.awaitingData = m;
    out += `MAIL FROM:<${m.from}>\r\n`;
    this.handlers.push((reply) => {
      if (reply.code !== 250) m.mailReply = reply;
    });
    for (const rcpt of m.to) {
      out += `RCPT TO:<${rcpt}>\r\n`;
      this.handlers.push((reply) => {
        if (reply.code === 250 || reply.code === 251) m.accepted++;
        else m.rejected.push(reply);
      });
    }
    out += "DATA\r\n";
    this.handlers.push((reply) => this.onDataReply(m, reply));
    return out;
  }

  private onDataReply(m: Message, reply: Reply) {
    this.awaitingData = undefined;
    const refusal = refusalOf(m, reply);
    if (reply.code !== 354) {
      this.settle(m, refusal ?? smtpError("Data command failed", "EENVELOPE", reply));
      this.needsReset = true;
      this.write(this.nextEnvelope());
      return;
    }
    if (refusal) {
      // DATA was taken although nobody can receive it: end the empty message, and reset.
      this.settle(m, refusal);
      this.handlers.push(() => undefined);
      this.needsReset = true;
      this.write(`.\r\n${this.nextEnvelope()}`);
      return;
    }
    this.handlers.push((end) => {
      this.settle(m, end.code === 250 ? undefined : smtpError("Message failed", "EMESSAGE", end));
    });
    // The message, its dot and the next envelope, in one write.
    this.write(m.data + this.nextEnvelope());
  }

  private settle(m: Message, err: Error | undefined) {
    clearTimeout(m.deadline);
    const at = this.inFlight.indexOf(m);
    if (at >= 0) this.inFlight.splice(at, 1);
    if (err) m.reject(err);
    else m.resolve();
    this.touch();
  }

  private write(text: string) {
    if (!text || this.dead) return;
    // While anything is on the wire, a reply is due within the socket timeout.
    this.socket!.setTimeout(this.opts.socketTimeout);
    clearTimeout(this.idleTimer);
    this.socket!.write(text);
  }

  /** Nothing on the wire: no reply is due; close the connection if it stays idle (or is used up). */
  private touch() {
    if (this.dead || this.inFlight.length > 0 || this.queue.length > 0) return;
    if (this.started >= this.opts.maxMessages) return this.quit();
    this.socket?.setTimeout(0);
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.quit(), this.opts.socketTimeout);
    this.idleTimer.unref();
  }

  /** Tear down: reject what is on the wire, hand back what is not. Returns `err`. */
  fail(err: Error): Error {
    if (this.dead) return err;
    this.dead = true;
    clearTimeout(this.idleTimer);
    this.socket?.destroy();
    this.handlers.length = 0;
    const command = this.pendingCommand;
    this.pendingCommand = undefined;
    command?.(err);
    // A message the server already refused (e.g. 421 at RCPT, then it hung up) fails with that.
    for (const m of this.inFlight.splice(0)) {
      clearTimeout(m.deadline);
      m.reject(refusalOf(m) ?? err);
    }
    const notStarted = this.queue.splice(0);
    for (const m of notStarted) clearTimeout(m.deadline);
    this.onDead(this, notStarted, err);
    return err;
  }

  /** Say QUIT once idle, then close. */
  quit() {
    if (this.dead) return;
    if (this.load > 0) return this.fail(smtpError("connection closed", "ECONNECTION"));
    this.dead = true;
    clearTimeout(this.idleTimer);
    const socket = this.socket;
    this.onDead(this, []);
    if (!socket) return;
    socket.setTimeout(1_000, () => socket.destroy());
    socket.end("QUIT\r\n");
  }
}

export type PipelinePool = {
  send: (envelope: { from: string; to: string[] }, message: string) => Promise<void>;
  close: () => void;
};

/**
 * Up to `maxConnections` pipelined connections; a message goes to the least loaded one (a new
 * one while fewer than `maxConnections` are open and each already has work). A connection is
 * replaced after `maxMessages`. Rejects with EUNSUPPORTED when the server cannot be used this
 * way (no PIPELINING, an AUTH it does not offer).
 */
export function createPipelinePool(
  opts: PipelineOptions & { maxConnections: number },
): PipelinePool {
  const conns = new Set<PipelinedConnection>();
  const opening = new Map<PipelinedConnection, Promise<void>>();
  let closed = false;

  const onDead = (conn: PipelinedConnection, notStarted: Message[], err?: Error) => {
    conns.delete(conn);
    opening.delete(conn);
    // Messages that never left go out over another connection, once; then they fail (and the
    // outbox retries them later).
    for (const m of notStarted) {
      if (m.tries >= 2) m.reject(err ?? smtpError("connection closed", "ECONNECTION"));
      else dispatch(m.from, m.to, m.data, m.tries + 1).then(m.resolve, m.reject);
    }
  };

  const pick = async (): Promise<PipelinedConnection> => {
    if (closed) throw smtpError("SMTP pool closed", "ECONNECTION");
    let best: PipelinedConnection | undefined;
    for (const c of conns)
      if (c.alive && c.started + c.reserved < opts.maxMessages && (!best || c.load < best.load))
        best = c;
    if (best && (best.load === 0 || conns.size >= opts.maxConnections)) {
      best.reserved++;
      try {
        await opening.get(best);
      } catch (err) {
        best.reserved--;
        throw err;
      }
      return best; // still reserved: `dispatch` queues the message on it
    }
    if (conns.size >= opts.maxConnections) {
      // All at their message limit: wait for one to be replaced.
      await new Promise((r) => setTimeout(r, 5));
      return pick();
    }
    const conn = new PipelinedConnection(opts, onDead);
    conns.add(conn);
    const opened = conn.open().catch((err: Error) => {
      conn.fail(err);
      throw err;
    });
    opening.set(conn, opened);
    conn.reserved++;
    try {
      await opened;
    } catch (err) {
      conn.reserved--;
      throw err;
    }
    opening.delete(conn);
    return conn;
  };

  const dispatch = async (from: string, to: string[], data: string, tries = 1): Promise<void> => {
    const conn = await pick();
    conn.reserved--;
    // Closed meanwhile (the server hung up while it was idle): nothing was sent, try another
    // once; a server that keeps hanging up fails the send (and the outbox retries it later).
    if (!conn.alive) {
      if (tries >= 2) throw smtpError("connection closed before sending", "ECONNECTION");
      return dispatch(from, to, data, tries + 1);
    }
    await conn.send(from, to, data, tries);
  };

  return {
    send: async (envelope, message) => {
      // An address must not end its command early or smuggle another one in.
      for (const address of [envelope.from, ...envelope.to])
        if (/[\r\n<>]/.test(address))
          throw smtpError(`Invalid address ${JSON.stringify(address)}`, "EENVELOPE");
      if (envelope.to.length === 0) throw smtpError("No recipients defined", "EENVELOPE");
      return dispatch(envelope.from, envelope.to, dataFor(message));
    },
    close: () => {
      closed = true;
      for (const c of [...conns]) c.quit();
    },
  };
}
