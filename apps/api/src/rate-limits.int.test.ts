/**
 * Rate limits on sign-in, password reset, magic link and invitations, per IP and per account,
 * kept in PostgreSQL so that every API process counts together. Two real API processes share
 * one database; requests alternate between them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiProcesses, startApiProcesses } from "./testing/api-processes.ts";
import { uniqueIp } from "./testing/harness.ts";

const ORIGIN = "http://tend.test";
const PASSWORD = "a calm river 2026";
const ACCOUNT_LIMITED = /Too many attempts for this account/;

let procs: ApiProcesses;
beforeAll(async () => {
  procs = await startApiProcesses(2, { TRUST_PROXY: "true", PUBLIC_URL: ORIGIN });
}, 60_000);
afterAll(async () => procs?.stop());

/** The i-th request goes to process i % 2. */
function server(i: number) {
  return procs.servers[i % procs.servers.length]!.url;
}

async function post(
  i: number,
  path: string,
  body: unknown,
  { ip, cookie }: { ip: string; cookie?: string },
) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    origin: ORIGIN,
    "x-forwarded-for": ip,
  };
  if (cookie) headers.cookie = cookie;
  const res = await fetch(`${server(i)}${path}`, {
    method: "POST",
    headers,
    body: JSON.stringify(body),
  });
  const text = await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: a JSON answer
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, body: json, headers: res.headers };
}

const signIn = (i: number, email: string, password: string, ip = uniqueIp()) =>
  post(i, "/api/auth/sign-in/email", { email, password }, { ip });

let n = 0;
async function signUp(name = "Dana Therapist") {
  n++;
  const email = `rl${n}@example.com`;
  const r = await post(
    0,
    "/api/auth/sign-up/email",
    { name, email, password: PASSWORD },
    {
      ip: uniqueIp(),
    },
  );
  expect(r.status).toBe(200);
  return email;
}

async function signedInCookie(email: string) {
  const r = await signIn(1, email, PASSWORD);
  expect(r.status).toBe(200);
  return r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => c.includes("session_token="))
    .join("; ");
}

async function bucket(key: string) {
  return procs.db.db
    .selectFrom("rate_limit_bucket")
    .select(["count"])
    .where("key", "=", key)
    .executeTakeFirst();
}

async function betterAuthBucket(key: string) {
  return procs.db.db
    .selectFrom("rateLimit" as never)
    .selectAll()
    .where("key" as never, "=", key as never)
    .executeTakeFirst() as Promise<{ key: string; count: number } | undefined>;
}

describe("sign-in", () => {
  it("per account: failures alternating between the two processes get 429 after 10, even from new IPs", async () => {
    const email = await signUp();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await signIn(i, email, "wrong password!")).status);
    expect(statuses).toEqual(Array(10).fill(401));

    const eleventh = await signIn(10, email, "wrong password!");
    expect(eleventh.status).toBe(429);
    expect(eleventh.body.message).toMatch(ACCOUNT_LIMITED);
    const retryAfter = Number(eleventh.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(Object.keys(eleventh.body)).not.toContain("headers");
    // Even the right password now waits, on either process.
    expect((await signIn(11, email, PASSWORD)).status).toBe(429);
    expect((await signIn(12, email, PASSWORD)).status).toBe(429);

    expect((await bucket(`signin:${email}`))?.count).toBe(13);
    // Other accounts are not affected.
    const other = await signUp();
    expect((await signIn(13, other, PASSWORD)).status).toBe(200);
  });

  it("per IP: one address trying many accounts on both processes gets 429 after 10", async () => {
    const ip = uniqueIp();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++)
      statuses.push((await signIn(i, `stranger${i}@example.com`, "wrong password!", ip)).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const blocked = await signIn(10, "stranger10@example.com", "wrong password!", ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.message).not.toMatch(ACCOUNT_LIMITED);
    // A real account from that address is refused too; from another address it works.
    const real = await signUp();
    expect((await signIn(11, real, PASSWORD, ip)).status).toBe(429);
    expect((await signIn(12, real, PASSWORD)).status).toBe(200);

    const row = await betterAuthBucket(`${ip}|/sign-in/email`);
    expect(row?.count).toBe(10);
    // Each of those accounts was tried once: it was the IP limit that fired.
    expect((await bucket("signin:stranger0@example.com"))?.count).toBe(1);
  });
});

describe("password reset", () => {
  const reset = (i: number, email: string, ip = uniqueIp()) =>
    post(i, "/api/auth/request-password-reset", { email, redirectTo: "/reset-password" }, { ip });

  it("per account: the 6th request within the hour, across processes, is 429", async () => {
    const email = await signUp();
    for (let i = 0; i < 5; i++) expect((await reset(i, email)).status).toBe(200);
    const sixth = await reset(5, email);
    expect(sixth.status).toBe(429);
    expect(sixth.body.message).toMatch(ACCOUNT_LIMITED);
    expect((await bucket(`reset:${email}`))?.count).toBe(6);
    const emails = await procs.db.db
      .selectFrom("outbox")
      .select("id")
      .where("template", "=", "reset-password")
      .where("to_address", "=", email)
      .execute();
    expect(emails).toHaveLength(5);
  });

  it("per IP: the 6th request from one address, across processes, is 429", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++)
      expect((await reset(i, `who${i}@example.com`, ip)).status).toBe(200);
    expect((await reset(5, "who5@example.com", ip)).status).toBe(429);
    expect((await betterAuthBucket(`${ip}|/request-password-reset`))?.count).toBe(5);
  });
});

describe("magic link", () => {
  const magic = (i: number, email: string, ip = uniqueIp()) =>
    post(i, "/api/auth/sign-in/magic-link", { email, callbackURL: "/" }, { ip });

  it("per account: the 6th request, across processes, is 429", async () => {
    const email = "someone-magic@example.com";
    for (let i = 0; i < 5; i++) expect((await magic(i, email)).status).toBe(200);
    const sixth = await magic(5, email);
    expect(sixth.status).toBe(429);
    expect(sixth.body.message).toMatch(ACCOUNT_LIMITED);
    expect((await bucket(`magic:${email}`))?.count).toBe(6);
  });

  it("per IP: the 6th request from one address, across processes, is 429", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 5; i++) expect((await magic(i, `m${i}@example.com`, ip)).status).toBe(200);
    expect((await magic(5, "m5@example.com", ip)).status).toBe(429);
    expect((await betterAuthBucket(`${ip}|/sign-in/magic-link`))?.count).toBe(5);
  });
});

describe("invitations", () => {
  const send = (i: number, cookie: string, email: string, ip = uniqueIp()) =>
    post(i, "/trpc/invitations.send", { name: "A Client", email }, { ip, cookie });

  it("per therapist: the 31st invitation in an hour, across processes and addresses, is 429", async () => {
    const email = await signUp();
    const cookie = await signedInCookie(email);
    const userId = (
      await procs.db.db
        .selectFrom("user")
        .select("id")
        .where("email", "=", email)
        .executeTakeFirstOrThrow()
    ).id;
    for (let i = 0; i < 30; i++) {
      const r = await send(i, cookie, `inv${i}@example.com`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    const blocked = await send(30, cookie, "inv30@example.com");
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.data.code).toBe("TOO_MANY_REQUESTS");
    expect(blocked.body.error.message).toMatch(/a lot of invitations/);
    expect((await bucket(`invite:${userId}`))?.count).toBe(31);
    const invitations = await procs.db.db
      .selectFrom("invitation")
      .select("id")
      .where("therapist_id", "=", userId)
      .execute();
    expect(invitations).toHaveLength(30);
  });

  it("per IP: two therapists on one address share its 30 an hour", async () => {
    const ip = uniqueIp();
    const cookies = [await signedInCookie(await signUp()), await signedInCookie(await signUp())];
    for (let i = 0; i < 30; i++) {
      const r = await send(i, cookies[i % 2]!, `ip${i}@example.com`, ip);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    // Each therapist has sent only 15, yet the address is spent.
    const blocked = await send(30, cookies[0]!, "ip30@example.com", ip);
    expect(blocked.status).toBe(429);
    expect((await bucket(`invite-ip:${ip}`))?.count).toBe(31);
  });
});
