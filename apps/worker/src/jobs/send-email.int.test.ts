import { enqueueEmail } from "@tend/db";
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRedis, type TestRedis } from "../../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../../test/support/smtp-sink.ts";
import { messageIdFor } from "../email/transport.ts";
import type { WorkerRuntime } from "../runtime.ts";
import {
  countByKey,
  magicLinkEmail,
  rowByKey,
  sleep,
  startTestRuntime,
  until,
} from "../testing/email-runtime.ts";

const MAX_ATTEMPTS = 6;

let t: TestDatabase;
let redis: TestRedis;
let sink: SmtpSink;
let runtime: WorkerRuntime | undefined;

beforeAll(async () => {
  [t, redis, sink] = await Promise.all([createTestDatabase(), createTestRedis(), startSmtpSink()]);
  runtime = await startTestRuntime({
    t,
    redisUrl: redis.url,
    smtpUrl: sink.url,
    prefix: "send-test",
    leaseSeconds: 10, // generous: under a loaded CI machine no claim should run out here
    retry: { baseMs: 20, maxAttempts: MAX_ATTEMPTS },
  });
});
afterAll(async () => {
  await runtime?.close();
  await Promise.allSettled([sink?.close(), redis?.stop()]);
  await t?.drop();
});

async function statusOf(key: string) {
  return (await rowByKey(t, key)).status;
}

describe("sending outbox emails", () => {
  it("delivers each queued email exactly once, with HTML and text parts and a Message-ID from its key", async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `batch:${i}`);
    for (const [i, key] of keys.entries()) {
      if (i % 3 === 0) {
        await enqueueEmail(t.db, {
          idempotencyKey: key,
          template: "invite",
          to: `client${i}@example.org`,
          data: {
            therapistName: "Dr. Ana Ruiz",
            clientName: `Client ${i}`,
            url: `https://tend.example/invite/${i}`,
            expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
          },
        });
      } else {
        await enqueueEmail(t.db, magicLinkEmail(key, `client${i}@example.org`));
      }
    }
    await until(async () => (await Promise.all(keys.map(statusOf))).every((s) => s === "sent"), {
      what: "all 30 rows sent",
    });
    await sleep(1_000); // several polls later: nothing is sent again

    for (const [i, key] of keys.entries()) {
      expect(countByKey(sink, key), key).toBe(1);
      const mail = sink.messages.find((m) => m.messageId === messageIdFor(key, "tend.local"))!;
      expect(mail.envelopeTo).toEqual([`client${i}@example.org`]);
      expect(mail.html).toContain("<html");
      expect(mail.text).toContain(i % 3 === 0 ? `https://tend.example/invite/${i}` : "/auth/batch");
      expect(mail.parsed.headers.get("list-unsubscribe")).toBeUndefined();
      expect(mail.parsed.from?.text).toBe('"Tend" <no-reply@tend.local>');
      const row = await rowByKey(t, key);
      expect(row.message_id).toBe(messageIdFor(key, "tend.local"));
      expect(row.attempts).toBe(1);
      expect(row.sent_at).toBeInstanceOf(Date);
    }
    expect(sink.messages.filter((m) => m.messageId?.startsWith("<")).length).toBe(30);
    expect(mailSubjects(keys[0]!)).toEqual(["Dr. Ana Ruiz invited you to Tend"]);
  });

  it("sends one email for one key, however often it is queued", async () => {
    expect(await enqueueEmail(t.db, magicLinkEmail("same-key"))).toBe(true);
    expect(await enqueueEmail(t.db, magicLinkEmail("same-key"))).toBe(false);
    await until(async () => (await statusOf("same-key")) === "sent");
    expect(await enqueueEmail(t.db, magicLinkEmail("same-key"))).toBe(false);
    await sleep(800);
    expect(countByKey(sink, "same-key")).toBe(1);
  });

  it("keeps trying while the SMTP server is down, and delivers once when it is back", async () => {
    await sink.down();
    try {
      await enqueueEmail(t.db, magicLinkEmail("while-down"));
      await until(async () => (await rowByKey(t, "while-down")).attempts >= 2, {
        what: "two attempts while down",
      });
      const row = await rowByKey(t, "while-down");
      expect(row.status).not.toBe("failed");
      expect(row.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    } finally {
      await sink.up();
    }
    await until(async () => (await statusOf("while-down")) === "sent");
    await sleep(500);
    expect(countByKey(sink, "while-down")).toBe(1);
    expect((await rowByKey(t, "while-down")).last_error).toBeNull();
  });

  it("retries a 4xx answer (at RCPT or after DATA) and delivers later", async () => {
    for (const at of ["rcpt", "data"] as const) {
      const key = `greylisted-${at}`;
      sink.answer({ code: 451, message: "4.7.1 try again later", at });
      try {
        await enqueueEmail(t.db, magicLinkEmail(key));
        await until(async () => (await rowByKey(t, key)).attempts >= 2, { what: `${key} retried` });
        expect((await rowByKey(t, key)).last_error).toMatch(/^SMTP 451: .*try again later/);
      } finally {
        sink.answer(undefined);
      }
      await until(async () => (await statusOf(key)) === "sent");
      expect(countByKey(sink, key)).toBe(1);
    }
  });

  it("stops at a 5xx answer: failed with the reason, never retried", async () => {
    sink.answer({ code: 550, message: "5.1.1 mailbox unavailable" });
    try {
      await enqueueEmail(t.db, magicLinkEmail("refused"));
      await until(async () => (await statusOf("refused")) === "failed");
      await sleep(800);
    } finally {
      sink.answer(undefined);
    }
    const row = await rowByKey(t, "refused");
    expect(row.status).toBe("failed");
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/^SMTP 550: .*mailbox unavailable/);
    expect(countByKey(sink, "refused")).toBe(0);
  });

  it("fails a row whose data does not fit its template (or names no template), without sending", async () => {
    await enqueueEmail(t.db, {
      idempotencyKey: "bad-data",
      template: "invite",
      to: "sam@example.org",
      data: { therapistName: "Dr. Ruiz", url: "not a url" },
    });
    await enqueueEmail(t.db, { ...magicLinkEmail("bad-template"), template: "no-such-email" });
    await until(async () => (await statusOf("bad-data")) === "failed");
    await until(async () => (await statusOf("bad-template")) === "failed");
    await sleep(500);
    const bad = await rowByKey(t, "bad-data");
    expect(bad.attempts).toBe(1);
    expect(bad.last_error).toMatch(/invalid data for template "invite": .*clientName/);
    expect((await rowByKey(t, "bad-template")).last_error).toMatch(/unknown email template/);
    expect(countByKey(sink, "bad-data") + countByKey(sink, "bad-template")).toBe(0);
  });

  it(`gives up after ${MAX_ATTEMPTS} temporary refusals`, async () => {
    sink.answer({ code: 421, message: "4.3.2 busy" });
    try {
      await enqueueEmail(t.db, magicLinkEmail("never-accepted"));
      await until(async () => (await statusOf("never-accepted")) === "failed", {
        what: "given up",
      });
    } finally {
      sink.answer(undefined);
    }
    const row = await rowByKey(t, "never-accepted");
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.last_error).toMatch(/^gave up after 6 attempts; last: SMTP 421/);
    expect(countByKey(sink, "never-accepted")).toBe(0);
  });

  it("honours notBefore: a row is not sent before its time", async () => {
    await enqueueEmail(t.db, {
      ...magicLinkEmail("later"),
      notBefore: new Date(Date.now() + 1_500),
    });
    await sleep(800);
    expect(await statusOf("later")).toBe("queued");
    await until(async () => (await statusOf("later")) === "sent");
    expect(countByKey(sink, "later")).toBe(1);
  });
});

function mailSubjects(key: string) {
  const id = messageIdFor(key, "tend.local");
  return sink.messages.filter((m) => m.messageId === id).map((m) => m.subject);
}
