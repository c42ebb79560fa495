import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../../test/support/smtp-sink.ts";
import { createPipelinePool } from "./smtp-pipeline.ts";
import { createMailer, messageIdFor } from "./transport.ts";

const FROM = "Tend <no-reply@tend.local>";
const email = (key: string, to: string) => ({
  to,
  subject: "A gentle note",
  html: "<p>hello</p>",
  text: "hello",
  idempotencyKey: key,
});

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

describe("createMailer", () => {
  it("sends a plain address and a display-name address (nodemailer's composer), each under its key's Message-ID", async () => {
    const mailer = createMailer({ smtpUrl: sink.url, from: FROM });
    try {
      await mailer.send(email("plain", "sam@example.org"));
      await mailer.send(email("named", '"Sam O." <sam.o@example.org>'));
    } finally {
      mailer.close();
    }
    const byId = (key: string) =>
      sink.messages.find((m) => m.messageId === messageIdFor(key, "tend.local"));
    expect(byId("plain")?.envelopeTo).toEqual(["sam@example.org"]);
    expect(byId("named")?.envelopeTo).toEqual(["sam.o@example.org"]);
    expect(byId("named")?.parsed.to).toMatchObject({ text: '"Sam O." <sam.o@example.org>' });
    expect(byId("named")?.text?.trim()).toBe("hello");
  });

  it.each([
    ["STARTTLS, then AUTH PLAIN", false, ["PLAIN", "LOGIN"]],
    ["STARTTLS, then AUTH LOGIN", false, ["LOGIN"]],
    ["TLS from the start (smtps://)", true, ["PLAIN"]],
  ] as const)("sends over %s", async (_what, secure, authMethods) => {
    const port = await freePort();
    const seen: Array<{ user: string | undefined; secure: boolean; id: string }> = [];
    const server = new SMTPServer({
      secure,
      authMethods: [...authMethods],
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === "tend" && auth.password === "s3cret word")
          return callback(null, { user: "tend" });
        callback(new Error("no"));
      },
      onData(stream, session, callback) {
        let head = "";
        stream.on("data", (c: Buffer) => {
          head += c.toString("latin1");
        });
        stream.on("end", () => {
          seen.push({
            user: session.user as string | undefined,
            secure: session.secure,
            id: /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? "",
          });
          callback();
        });
      },
    });
    server.on("error", () => undefined);
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
    const scheme = secure ? "smtps" : "smtp";
    const mailer = createMailer({
      // smtp-server's own certificate is self-signed.
      smtpUrl: `${scheme}://tend:s3cret%20word@127.0.0.1:${port}?tls.rejectUnauthorized=false`,
      from: FROM,
    });
    // The pipelined client on its own (createMailer would fall back to SMTPConnection if it failed).
    const pipelined = createPipelinePool({
      host: "127.0.0.1",
      port,
      secure,
      tls: { rejectUnauthorized: false },
      auth: { user: "tend", pass: "s3cret word" },
      name: "tend.test",
      connectionTimeout: 2_000,
      greetingTimeout: 2_000,
      socketTimeout: 2_000,
      maxConnections: 2,
      maxMessages: 10,
    });
    try {
      await Promise.all(
        [1, 2].map((i) => mailer.send(email(`tls-${secure}-${i}`, `t${i}@example.org`))),
      );
      await pipelined.send(
        { from: "no-reply@tend.local", to: ["t3@example.org"] },
        `Message-ID: <tls-${secure}-3@tend.local>\r\nSubject: x\r\n\r\nhello\r\n`,
      );
    } finally {
      mailer.close();
      pipelined.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(seen.map((s) => s.id).sort()).toEqual(
      [
        ...[1, 2].map((i) => messageIdFor(`tls-${secure}-${i}`, "tend.local")),
        `<tls-${secure}-3@tend.local>`,
      ].sort(),
    );
    expect(seen.every((s) => s.secure && s.user === "tend")).toBe(true);
  });

  it("falls back to nodemailer's SMTPConnection for a server without PIPELINING", async () => {
    const port = await freePort();
    const ids: string[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      hidePIPELINING: true,
      logger: false,
      onData(stream, _session, callback) {
        let head = "";
        stream.on("data", (c: Buffer) => {
          head += c.toString("latin1");
        });
        stream.on("end", () => {
          ids.push(/^message-id:\s*(\S+)/im.exec(head)?.[1] ?? "");
          callback();
        });
      },
    });
    server.on("error", () => undefined);
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM });
    try {
      await Promise.all(
        [1, 2, 3].map((i) => mailer.send(email(`fallback-${i}`, `f${i}@example.org`))),
      );
      await mailer.send(email("fallback-4", "f4@example.org"));
    } finally {
      mailer.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(ids.sort()).toEqual(
      [1, 2, 3, 4].map((i) => messageIdFor(`fallback-${i}`, "tend.local")).sort(),
    );
  });
});
