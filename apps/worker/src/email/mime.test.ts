import { simpleParser } from "mailparser";
import MailComposer from "nodemailer/lib/mail-composer";
import { describe, expect, it } from "vitest";
import {
  createMimeComposer,
  isPlainAddress,
  joinQuotedPrintable,
  quotedPrintable,
} from "./mime.ts";

const from = "Tend <no-reply@tend.local>";
const html = `<!DOCTYPE html><html><body><p>Hi Zoë,\u00a0${"a".repeat(300)} = &amp; done</p></body></html>`;
const text = `Hi Zoë,\n\n${"word ".repeat(40)}\n. a line that starts with a dot\nlast line `;
const headers = {
  "List-Unsubscribe": `<https://tend.example/api/email/unsubscribe/${"t".repeat(120)}>`,
  "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  "Auto-Submitted": "auto-generated",
};

/** What nodemailer's own composer makes of the same email, to compare with. */
async function viaNodemailer(subject: string, to: string) {
  const raw = await new Promise<Buffer>((resolve, reject) =>
    new MailComposer({ from, to, subject, html, text, messageId: "<m1@tend.local>", headers })
      .compile()
      .build((err, message) => (err ? reject(err) : resolve(message))),
  );
  return simpleParser(raw);
}

describe("composing the message from encoded parts", () => {
  for (const subject of [
    "The loved-one test, whenever you have a few minutes",
    "Zoë's week in Tend: 3 practices to look back on — and a long subject that has to fold somewhere",
  ]) {
    it(`reads back as nodemailer's own message would: ${subject.slice(0, 20)}…`, async () => {
      const composer = createMimeComposer(from);
      const raw = composer.compose({
        to: "sam@example.org",
        subject,
        messageId: "<m1@tend.local>",
        headers,
        textQp: quotedPrintable(text),
        htmlQp: joinQuotedPrintable([
          quotedPrintable(html.slice(0, 100)),
          quotedPrintable(html.slice(100)),
        ]),
      });
      for (const line of raw.split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
      expect(raw).not.toMatch(/[^\r]\n/); // CRLF line ends only
      const ours = await simpleParser(raw);
      const theirs = await viaNodemailer(subject, "sam@example.org");
      expect(ours.subject).toBe(subject);
      expect(ours.html).toBe(html);
      expect(ours.html).toBe(theirs.html);
      expect(ours.text?.replace(/\r\n/g, "\n")).toBe(text);
      expect(ours.text).toBe(theirs.text);
      for (const name of [
        "from",
        "to",
        "subject",
        "message-id",
        "mime-version",
        "list-unsubscribe",
        "list-unsubscribe-post",
        "auto-submitted",
      ])
        expect(ours.headers.get(name), name).toEqual(theirs.headers.get(name));
      expect(ours.date).toBeInstanceOf(Date);
      expect(composer.envelopeFrom).toBe("no-reply@tend.local");
    });
  }

  it("keeps header values on their own lines, whatever they hold", async () => {
    const raw = createMimeComposer(from).compose({
      to: "sam@example.org",
      subject: "Hi\r\nBcc: someone@example.org",
      messageId: "<m2@tend.local>",
      headers: {},
      textQp: quotedPrintable("x"),
      htmlQp: quotedPrintable("<p>x</p>"),
    });
    expect(raw).not.toMatch(/^Bcc:/im);
    expect((await simpleParser(raw)).bcc).toBeUndefined();
  });

  it("goes the plain way only for plain addresses", () => {
    expect(isPlainAddress("sam@example.org")).toBe(true);
    expect(isPlainAddress("sam.o'neil+tend@mail.example.org")).toBe(true);
    for (const address of [
      "Sam <sam@example.org>",
      "sam@exämple.org",
      "a@b.org, c@d.org",
      "sam@example.org\r\nBcc: x@y.org",
      "sam",
      "",
    ])
      expect(isPlainAddress(address), address).toBe(false);
  });
});
