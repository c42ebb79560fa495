/**
 * Every email goes through the outbox table (the worker sends it); the API never talks SMTP.
 * Links in emails are built from PUBLIC_URL, never from the request's Host header.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  Caller,
  createTestApi,
  latestInvitationToken,
  outboxRows,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const EVIL = "evil.example";
let api: TestApi;
let therapist: Actor;

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  therapist = await signUpTherapist(api, "Dana Therapist", "dana@example.com");
});
afterAll(async () => api?.drop());

/** A request that claims to be for another host, in the URL and in the Host header. */
function fromEvilHost(caller: Caller, p: string, body: unknown) {
  return caller.fetch(`http://${EVIL}${p}`, {
    method: "POST",
    headers: { "content-type": "application/json", host: EVIL, "x-forwarded-host": EVIL },
    body: JSON.stringify(body),
  });
}

function expectOurLink(url: unknown) {
  expect(typeof url).toBe("string");
  expect(String(url).startsWith(`${api.env.PUBLIC_URL}/`)).toBe(true);
  expect(String(url)).not.toContain(EVIL);
}

describe("emails are rows in the outbox", () => {
  it("sign-up queues a verify-email", async () => {
    const rows = await outboxRows(api, { template: "verify-email", to: therapist.email });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "queued", attempts: 0, sent_at: null });
    expectOurLink(rows[0]!.data.url);
  });

  it("an invitation queues an invite (sent from a request with a foreign Host)", async () => {
    const res = await fromEvilHost(therapist.caller, "/trpc/invitations.send", {
      name: "Chris Client",
      email: "chris@example.com",
    });
    expect(res.status).toBe(200);
    const rows = await outboxRows(api, { template: "invite", to: "chris@example.com" });
    expect(rows).toHaveLength(1);
    const { data, status, idempotency_key } = rows[0]!;
    expect(status).toBe("queued");
    expect(idempotency_key).toMatch(/^invite:[0-9a-f-]{36}:1$/);
    expect(data).toMatchObject({ therapistName: "Dana Therapist", clientName: "Chris Client" });
    expectOurLink(data.url);
    expect(String(data.url)).toMatch(new RegExp(`^${api.env.PUBLIC_URL}/invite#[\\w-]{43}$`));
    expect(new Date(String(data.expiresAt)).getTime()).toBeGreaterThan(Date.now());
  });

  it("a password reset queues a reset-password (sent from a request with a foreign Host)", async () => {
    const res = await fromEvilHost(new Caller(api), "/api/auth/request-password-reset", {
      email: therapist.email,
      redirectTo: "/reset-password",
    });
    expect(res.status).toBe(200);
    const rows = await outboxRows(api, { template: "reset-password", to: therapist.email });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.data.name).toBe("Dana Therapist");
    expectOurLink(rows[0]!.data.url);
  });

  it("a magic link queues a magic-link (sent from a request with a foreign Host)", async () => {
    const token = await latestInvitationToken(api, "chris@example.com");
    const accepted = await new Caller(api).authPost("/tend/accept-invitation", {
      token,
      name: "Chris",
      timeZone: "Europe/Berlin",
    });
    expect(accepted.status).toBe(200);
    const res = await fromEvilHost(new Caller(api), "/api/auth/sign-in/magic-link", {
      email: "chris@example.com",
      callbackURL: "/",
    });
    expect(res.status).toBe(200);
    const rows = await outboxRows(api, { template: "magic-link", to: "chris@example.com" });
    expect(rows).toHaveLength(1);
    expectOurLink(rows[0]!.data.url);
    // The therapist heard about the new client through the outbox as well.
    expect(await outboxRows(api, { template: "client-joined", to: therapist.email })).toHaveLength(
      1,
    );
  });

  it("a refused action queues nothing (the email and the change commit together)", async () => {
    const before = (await outboxRows(api)).length;
    const r = await therapist.caller.trpc("invitations.send", "mutation", {
      name: "",
      email: "not-an-email",
    });
    expect(r.status).toBe(400);
    expect((await outboxRows(api)).length).toBe(before);
  });
});

describe("the API never sends mail itself", () => {
  const apiRoot = path.resolve(import.meta.dirname, "..");

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(p);
      return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
    });
  }

  it("has no mail library among its dependencies or imports", () => {
    const pkg = JSON.parse(readFileSync(path.join(apiRoot, "package.json"), "utf8"));
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    const mailer =
      /^(nodemailer|.*smtp.*|.*mailgun.*|@aws-sdk\/client-sesv?2?|@sendgrid\/.+|postmark|resend)$/;
    expect(deps.filter((d) => mailer.test(d))).toEqual([]);
    // Test helpers (src/testing) may open sockets; the app itself must not.
    const files = sourceFiles(path.join(apiRoot, "src")).filter(
      (f) => !f.includes(`${path.sep}testing${path.sep}`),
    );
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) =>
      /from\s+["'](nodemailer|smtp|@sendgrid|postmark|resend|node:net|node:tls)/.test(
        readFileSync(f, "utf8"),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
