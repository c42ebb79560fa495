import { describe, expect, it } from "vitest";
import { EmailDataError, emailTemplates, renderEmail, type TemplateName } from "./render.ts";
import { messageIdFor, senderDomain } from "./transport.ts";

const url = "https://tend.example/auth/abc123?token=x-y_z";

const samples: { [T in TemplateName]: Record<string, unknown> } = {
  invite: {
    therapistName: "Dr. Ana Ruiz",
    clientName: "Sam Lee",
    url,
    expiresAt: "2026-12-03T14:00:00.000Z",
  },
  "magic-link": { url, name: "Sam" },
  "reset-password": { url, name: "Sam" },
  "verify-email": { url, name: "Sam" },
  "change-email": { url, newEmail: "sam.new@example.org" },
  "client-joined": { clientName: "Sam Lee" },
};

/** Words the product never uses about a person's practice (see DESIGN.md, tone). */
const shaming = /overdue|streak|missed|lazy|fail/i;

describe("email templates", () => {
  it("has a sample for every template", () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(emailTemplates).sort());
  });

  for (const [name, data] of Object.entries(samples)) {
    it(`${name}: renders a subject, an HTML part and a real plain-text part, kindly`, async () => {
      const email = await renderEmail(name, data);
      expect(email.subject.length).toBeGreaterThan(5);
      expect(email.html).toMatch(/^<!DOCTYPE html/i);
      expect(email.text).not.toMatch(/<[a-z][^>]*>/i); // no markup left in the text part
      expect(email.text.length).toBeGreaterThan(80);
      if ("url" in data) {
        expect(email.text).toContain(url);
        expect(email.html).toContain(url.replaceAll("&", "&amp;"));
      }
      for (const part of [email.subject, email.html, email.text]) expect(part).not.toMatch(shaming);
      expect(email.html).not.toMatch(/list-unsubscribe/i);
    });
  }

  it("invite: names the therapist, says the link works once for 7 days, and may be ignored", async () => {
    const email = await renderEmail("invite", samples.invite);
    expect(email.subject).toBe("Dr. Ana Ruiz invited you to Tend");
    expect(email.text).toContain("Hi Sam Lee,");
    expect(email.text).toMatch(/once/);
    expect(email.text).toMatch(/7 days, until 3 December 2026 at 14:00 UTC/);
    expect(email.text).toMatch(/ignore/);
  });

  it("magic-link: greets by name when there is one, and without when not", async () => {
    expect((await renderEmail("magic-link", { url, name: "Sam" })).text).toContain("Hi Sam,");
    expect((await renderEmail("magic-link", { url })).text).toContain("Hello,");
  });

  it("escapes what people typed into their names", async () => {
    const email = await renderEmail("client-joined", { clientName: "<b>Sam</b> & co" });
    expect(email.html).toContain("&lt;b&gt;Sam&lt;/b&gt; &amp; co");
    expect(email.html).not.toContain("<b>Sam</b>");
  });

  it("rejects data that does not fit, naming fields but not values", async () => {
    const bad = renderEmail("invite", {
      ...samples.invite,
      url: "javascript:alert(1)",
      clientName: "",
    });
    await expect(bad).rejects.toBeInstanceOf(EmailDataError);
    await expect(bad).rejects.toThrow(/url: .*clientName:|clientName: .*url:/);
    await expect(bad).rejects.not.toThrow(/javascript/);
    await expect(
      renderEmail("invite", { ...samples.invite, clientName: "Sam\r\nBcc: x" }),
    ).rejects.toThrow(EmailDataError);
    await expect(renderEmail("weekly-newsletter", {})).rejects.toThrow(/unknown email template/);
    await expect(renderEmail("toString", {})).rejects.toThrow(/unknown email template/);
  });
});

describe("Message-ID", () => {
  it("is derived from the idempotency key alone: same key, same id", () => {
    const a = messageIdFor("invite:42:1", "tend.local");
    expect(a).toMatch(/^<[0-9a-f]{32}@tend\.local>$/);
    expect(messageIdFor("invite:42:1", "tend.local")).toBe(a);
    expect(messageIdFor("invite:42:2", "tend.local")).not.toBe(a);
  });

  it("takes its domain from MAIL_FROM", () => {
    expect(senderDomain("Tend <no-reply@tend.local>")).toBe("tend.local");
    expect(senderDomain("hello@Mail.Example.org")).toBe("mail.example.org");
  });
});
