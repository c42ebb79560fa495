import { describe, expect, it } from "vitest";
import {
  EmailDataError,
  emailTemplates,
  renderEmail,
  renderEmailFully,
  type TemplateName,
} from "./render.ts";
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
  "client-left": { clientName: "Sam Lee" },
  "practice-reminder": {
    name: "Sam",
    exerciseTitle: "The loved-one test",
    timeZone: "Australia/Lord_Howe",
    occurrenceAt: "2026-10-03T15:45:00.000Z", // 4 October, 02:15 missing locally → 02:45 (+11)
    practiceUrl: "https://tend.example/today?start=a1",
    notTodayUrl: "https://tend.example/api/email/not-today/tok.en",
    preferencesUrl: "https://tend.example/settings/email",
    unsubscribeUrl: "https://tend.example/api/email/unsubscribe/un.sub",
  },
  "weekly-summary": {
    name: "Sam",
    weekStart: "2026-03-16",
    weekEnd: "2026-03-22",
    practiceCount: 3,
    exercises: [
      { title: "The loved-one test", count: 2 },
      { title: "Noticing the inner voice", count: 1 },
    ],
    scales: [
      { scaleId: "s-m", left: "stuck", right: "motivated", harshMean: 3, kinderMean: 7, count: 2 },
      {
        scaleId: "p-e",
        left: "powerless",
        right: "empowered",
        harshMean: 6,
        kinderMean: 4.5,
        count: 2,
      },
      {
        scaleId: "d-v",
        left: "dismissed",
        right: "validated",
        harshMean: 5,
        kinderMean: 5.2,
        count: 2,
      },
    ],
    quoteEntryIds: [],
    clientId: "client-1",
    reflectionUrl: "https://tend.example/today?reflect=1",
    preferencesUrl: "https://tend.example/settings/email",
    unsubscribeUrl: "https://tend.example/api/email/unsubscribe/sum.mary",
  },
  "therapist-digest": {
    therapistId: "therapist-1",
    name: "Dr. Ana Ruiz",
    weekStart: "2026-03-16",
    weekEnd: "2026-03-22",
    clients: [
      {
        name: "Sam Lee",
        practiceCount: 2,
        flagged: [{ exerciseTitle: "The loved-one test", date: "2026-03-18" }],
      },
      { name: "Kim Park", practiceCount: 0, flagged: [] },
    ],
    appUrl: "https://tend.example/clients",
    unsubscribeUrl: "https://tend.example/api/email/unsubscribe/di.gest",
  },
};

/** Emails people can turn off: they carry RFC 8058 one-click unsubscribe headers. */
const optional = new Set(["practice-reminder", "weekly-summary", "therapist-digest"]);

/** Words the product never uses about a person's practice (see DESIGN.md, tone). */
const shaming = /\b(overdue|streaks?|missed|lazy|fail\w*|you haven.t|behind|grades?|score)\b/i;
/** Progress is noticing, not scoring: no percentages in what people read. */
const percentage = /\d+ ?%/;

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
      for (const part of [email.subject, email.text]) expect(part).not.toMatch(percentage);
      expect(email.html).not.toMatch(/list-unsubscribe/i);
      if (optional.has(name)) {
        expect(email.headers).toEqual({
          "List-Unsubscribe": `<${data.unsubscribeUrl}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        });
        expect(email.text).toContain(String(data.unsubscribeUrl));
      } else {
        expect(email.headers).toEqual({}); // transactional: nothing to unsubscribe from
      }
    });
  }

  it("practice-reminder: invites, shows the planned time on the client's clock, offers a free 'not today'", async () => {
    const data = samples["practice-reminder"];
    const email = await renderEmail("practice-reminder", data);
    expect(email.subject).toBe("The loved-one test, whenever you have a few minutes");
    expect(email.text).toContain("Hi Sam,");
    expect(email.text).toMatch(/whenever you have a few minutes/i);
    expect(email.text).toContain("Sunday 4 October at 02:45 (Lord Howe time)");
    expect(email.text).toMatch(/Open the practice/);
    expect(email.text).toContain(String(data.practiceUrl));
    expect(email.text).toMatch(/Not today/);
    expect(email.text).toContain(String(data.notTodayUrl));
    expect(email.text).toMatch(/no reason needed/);
    expect(email.text).toContain(String(data.preferencesUrl));
    expect(email.text).toMatch(/pause/);
  });

  it("weekly-summary: counts and ratings in words, never percentages; an invitation to reflect", async () => {
    const email = await renderEmail("weekly-summary", samples["weekly-summary"]);
    expect(email.subject).toBe("Your week in Tend: 3 practices to look back on");
    expect(email.text).toContain("You practised 3 times this week.");
    expect(email.text).toContain("The loved-one test: twice");
    expect(email.text).toContain("Noticing the inner voice: once");
    expect(email.text).toContain(
      "Your kinder versions felt closer to 'motivated' (7 of 10) than the harsh ones (3 of 10).",
    );
    expect(email.text).toContain("nearer 'powerless' (4.5 of 10) than the harsh ones (6 of 10)");
    expect(email.text).toContain("felt about the same (5 of 10 and 5.2 of 10)");
    expect(email.text).toMatch(/Write this week's reflection/);
    expect(email.text).toContain("https://tend.example/today?reflect=1");
    expect(email.text).toContain("16 March – 22 March");
    expect(email.text).not.toMatch(/kinder words you wrote/); // nothing to quote
  });

  it("weekly-summary: shows the quotes the worker filled in, and only those", async () => {
    const email = await renderEmail("weekly-summary", {
      ...samples["weekly-summary"],
      quotes: ["It makes sense that you're tired <3"],
    });
    expect(email.text).toMatch(/kinder words you wrote to yourself/);
    expect(email.text).toContain("It makes sense that you're tired <3");
    expect(email.html).toContain("tired &lt;3");
  });

  it("weekly-summary: a week without practice gets the gentle version", async () => {
    const email = await renderEmail("weekly-summary", {
      ...samples["weekly-summary"],
      practiceCount: 0,
      exercises: [],
      scales: [],
    });
    expect(email.subject).toBe("Your week in Tend, 16 March – 22 March");
    expect(email.text).toMatch(/nothing is wrong/i);
    expect(email.text).toMatch(/nothing to catch up on/);
    expect(email.text).not.toMatch(/0 times|practised/);
    expect(email.text).toMatch(/Write this week's reflection/);
  });

  it("therapist-digest: practices and session flags per client, and says words are never included", async () => {
    const email = await renderEmail("therapist-digest", samples["therapist-digest"]);
    expect(email.subject).toBe("Your clients' week in Tend, 16 March – 22 March");
    expect(email.text).toContain("Sam Lee");
    expect(email.text).toContain("2 practices");
    expect(email.text).toContain(
      "Marked for your next session: The loved-one test (Wednesday 18 March)",
    );
    expect(email.text).toContain("Kim Park");
    expect(email.text).toContain("No practice shared this week");
    expect(email.text).toMatch(/private are never included/);
  });

  it("refuses an unsubscribe URL that could break out of its header", async () => {
    await expect(
      renderEmail("practice-reminder", {
        ...samples["practice-reminder"],
        unsubscribeUrl: "https://tend.example/u>\r\nBcc: x@example.org",
      }),
    ).rejects.toBeInstanceOf(EmailDataError);
  });

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

describe("reminders filled into a skeleton", () => {
  const reminder = samples["practice-reminder"];
  const people = [
    "Sam",
    "Zoë Ñandú-Łukasiewicz",
    "O'Brien & Sons",
    '<script>alert("x")</script>',
    "Ana &amp; Bo",
    "Kim  Park", // two spaces: html-to-text would fold them, so this one is rendered in full
    "名前 テスト",
    "A".repeat(120),
  ];

  it("gives exactly what a full render gives, for every kind of name and link", async () => {
    for (const [i, name] of people.entries()) {
      const data = {
        ...reminder,
        name,
        practiceUrl: `https://tend.example/today?start=a${i}&x='y'`,
        notTodayUrl: `https://tend.example/api/email/not-today/tok.${i}<>`,
      };
      const filled = await renderEmail("practice-reminder", data);
      const full = await renderEmailFully("practice-reminder", data);
      expect({ ...filled, textQp: undefined, htmlQp: undefined }, name).toEqual({
        ...full,
        textQp: undefined,
        htmlQp: undefined,
      });
    }
  });

  it("escapes what it fills in, in the HTML part only", async () => {
    const name = "<img src=x onerror=\"alert(1)\"> & 'co'";
    const email = await renderEmail("practice-reminder", { ...reminder, name });
    expect(email.html).toContain(
      "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#x27;co&#x27;",
    );
    expect(email.html).not.toContain("<img src=x");
    expect(email.text).toContain(`Hi ${name},`);
  });

  it("quoted-printable parts decode to the HTML and text parts", async () => {
    const email = await renderEmail("practice-reminder", { ...reminder, name: "Zoë = Ñ" });
    const decode = (qp: string) =>
      Buffer.from(
        qp
          .replace(/=\r\n/g, "")
          .replace(/=([0-9A-F]{2})/g, (_, h: string) =>
            String.fromCharCode(Number.parseInt(h, 16)),
          ),
        "latin1",
      ).toString("utf8");
    expect(email.htmlQp).toBeDefined();
    expect(decode(email.htmlQp!)).toBe(email.html);
    expect(decode(email.textQp!)).toBe(email.text.replace(/\n/g, "\r\n"));
    for (const line of `${email.htmlQp}\r\n${email.textQp}`.split("\r\n"))
      expect(line.length).toBeLessThanOrEqual(76);
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
