import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../../test/support/smtp-sink.ts";
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
