/**
 * Sessions: HttpOnly cookies (Secure outside local development), SameSite=Lax, a new token at
 * every sign-in, an idle timeout (2 h) and an absolute one (12 h), both configurable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Caller,
  createTestApi,
  sessionRowOf,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const PASSWORD = "a calm river 2026";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let api: TestApi;
const extraApis: TestApi[] = [];
beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
});
afterAll(async () => {
  for (const a of extraApis) await a.drop();
  await api?.drop();
});

/** The Set-Cookie line that carries the session token. */
function sessionCookieLine(res: Response): string {
  const line = res.headers.getSetCookie().find((c) => /session_token=/.test(c.split(";")[0]!));
  if (!line) throw new Error(`no session cookie in ${JSON.stringify(res.headers.getSetCookie())}`);
  return line;
}

function attributes(line: string): Map<string, string> {
  const [, ...attrs] = line.split(";").map((s) => s.trim());
  return new Map(
    attrs.map((a) => {
      const i = a.indexOf("=");
      return i < 0 ? [a.toLowerCase(), ""] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
    }),
  );
}

let n = 0;
async function freshTherapist(on: TestApi = api) {
  n++;
  const email = `sess${n}@example.com`;
  const t = await signUpTherapist(on, `Therapist ${n}`, email, PASSWORD);
  return { ...t, email };
}

async function setSession(on: TestApi, token: string, values: Record<string, Date>) {
  await on.db.updateTable("session").set(values).where("token", "=", token).execute();
}

async function meStatus(caller: Caller) {
  return (await caller.trpc("me.get", "query")).status;
}

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax, Path=/, lives as long as the idle timeout, and is not Secure on http:// in test", async () => {
    const t = await freshTherapist();
    const res = await new Caller(api).signIn(t.email, PASSWORD);
    expect(res.status).toBe(200);
    const line = sessionCookieLine(res);
    const a = attributes(line);
    expect(line.startsWith("better-auth.session_token=")).toBe(true);
    expect(a.has("httponly")).toBe(true);
    expect(a.get("samesite")?.toLowerCase()).toBe("lax");
    expect(a.get("path")).toBe("/");
    expect(a.get("max-age")).toBe(String(120 * 60));
    expect(a.has("secure")).toBe(false);
  });

  it("is Secure (with the __Secure- prefix) when PUBLIC_URL is https or NODE_ENV=production, not on http://localhost in development", async () => {
    const variants = [
      { env: { PUBLIC_URL: "https://tend.example", NODE_ENV: "test" }, secure: true },
      { env: { PUBLIC_URL: "http://tend.test", NODE_ENV: "production" }, secure: true },
      { env: { PUBLIC_URL: "http://localhost:3000", NODE_ENV: "development" }, secure: false },
    ];
    for (const v of variants) {
      const other = await createTestApi(
        { TRUST_PROXY: "true", ...v.env },
        { database: api.database },
      );
      extraApis.push(other);
      const t = await freshTherapist(other);
      const res = await new Caller(other).signIn(t.email, PASSWORD);
      expect(res.status, JSON.stringify(v.env)).toBe(200);
      const line = sessionCookieLine(res);
      const a = attributes(line);
      expect(a.has("secure"), `${JSON.stringify(v.env)}: ${line}`).toBe(v.secure);
      expect(line.startsWith("__Secure-"), line).toBe(v.secure);
      expect(a.has("httponly")).toBe(true);
      expect(a.get("samesite")?.toLowerCase()).toBe("lax");
    }
  });
});

describe("sign-in rotates the token", () => {
  it("gives a new token at each sign-in, never the one the browser already had", async () => {
    const t = await freshTherapist();
    const browser = new Caller(api);
    expect((await browser.signIn(t.email, PASSWORD)).status).toBe(200);
    const first = browser.sessionToken();
    expect(first).toMatch(/^\S{20,}$/);
    expect((await browser.signIn(t.email, PASSWORD)).status).toBe(200);
    const second = browser.sessionToken();
    expect(second).toMatch(/^\S{20,}$/);
    expect(second).not.toBe(first);
    const rows = await api.db
      .selectFrom("session")
      .select(["token"])
      .where("userId", "=", t.id)
      .execute();
    expect(rows.map((r) => r.token)).toEqual(expect.arrayContaining([first, second]));
    expect(await meStatus(browser)).toBe(200);
  });

  it("does not adopt a session planted in the browser before sign-in (session fixation)", async () => {
    const attacker = await freshTherapist();
    const victim = await freshTherapist();
    const browser = new Caller(api);
    expect((await browser.signIn(attacker.email, PASSWORD)).status).toBe(200);
    const planted = browser.sessionToken()!;
    // The victim signs in, in the browser that carries the attacker's cookie.
    expect((await browser.signIn(victim.email, PASSWORD)).status).toBe(200);
    expect(browser.sessionToken()).not.toBe(planted);
    expect((await browser.query("me.get")).email).toBe(victim.email);
    const plantedRow = await api.db
      .selectFrom("session")
      .select(["userId"])
      .where("token", "=", planted)
      .executeTakeFirstOrThrow();
    expect(plantedRow.userId).toBe(attacker.id);
  });
});

describe("the cookie's signature", () => {
  it("is checked on every request: a cookie that verified before does not vouch for an altered one", async () => {
    const t = await freshTherapist();
    const browser = new Caller(api);
    expect((await browser.signIn(t.email, PASSWORD)).status).toBe(200);
    expect(await meStatus(browser)).toBe(200); // the genuine cookie, verified (and remembered)
    const [name, value] = [...browser.cookies].find(([k]) => /(^|\.)session_token$/.test(k))!;
    const signed = decodeURIComponent(value);
    const dot = signed.lastIndexOf(".");
    const token = signed.slice(0, dot);
    const signature = signed.slice(dot + 1);
    const flip = (s: string) => (s[0] === "A" ? "B" : "A") + s.slice(1);
    for (const forged of [
      `${token}.${flip(signature)}`, // the right token, a wrong signature
      `${flip(token)}.${signature}`, // another token under the genuine signature
      token, // no signature at all
    ]) {
      const attacker = new Caller(api);
      attacker.cookies.set(name, encodeURIComponent(forged));
      expect(await meStatus(attacker)).toBe(401);
    }
    expect(await meStatus(browser)).toBe(200);
  });
});

describe("idle timeout (default 2 h)", () => {
  it("a new session expires 2 h after sign-in", async () => {
    const t = await freshTherapist();
    const row = (await sessionRowOf(api, t.caller))!;
    const idle = row.expiresAt.getTime() - Date.now();
    expect(idle).toBeGreaterThan(119 * MINUTE);
    expect(idle).toBeLessThanOrEqual(120 * MINUTE);
  });

  it("signs out a session whose expiresAt has passed, in tRPC and in better-auth's own endpoints", async () => {
    const t = await freshTherapist();
    expect(await meStatus(t.caller)).toBe(200);
    await setSession(api, t.caller.sessionToken()!, {
      updatedAt: new Date(Date.now() - 121 * MINUTE),
      expiresAt: new Date(Date.now() - MINUTE),
    });
    expect(await meStatus(t.caller)).toBe(401);
    expect(await t.caller.query("me.sessionState")).toEqual({
      signedIn: false,
      role: null,
      name: null,
    });
    const res = await t.caller.fetch("/api/auth/get-session");
    expect(await res.json()).toBeNull();
  });

  it("slides forward when the session is used", async () => {
    const t = await freshTherapist();
    // Last used 90 minutes ago: 30 minutes left.
    await setSession(api, t.caller.sessionToken()!, {
      updatedAt: new Date(Date.now() - 90 * MINUTE),
      expiresAt: new Date(Date.now() + 30 * MINUTE),
    });
    expect(await meStatus(t.caller)).toBe(200);
    const row = (await sessionRowOf(api, t.caller))!;
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(119 * MINUTE);
  });
});

describe("absolute timeout (default 12 h)", () => {
  it("signs out a session created 13 h ago even though it was used a minute ago, and deletes it", async () => {
    const t = await freshTherapist();
    const token = t.caller.sessionToken()!;
    await setSession(api, token, {
      createdAt: new Date(Date.now() - 13 * HOUR),
      updatedAt: new Date(Date.now() - MINUTE),
      expiresAt: new Date(Date.now() + 119 * MINUTE),
    });
    expect(await meStatus(t.caller)).toBe(401);
    const row = await api.db
      .selectFrom("session")
      .select("id")
      .where("token", "=", token)
      .executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("better-auth's own endpoints do not accept a session past the absolute limit either", async () => {
    const t = await freshTherapist();
    await setSession(api, t.caller.sessionToken()!, {
      createdAt: new Date(Date.now() - 13 * HOUR),
      updatedAt: new Date(Date.now() - MINUTE),
      expiresAt: new Date(Date.now() + 119 * MINUTE),
    });
    const session = await (await t.caller.fetch("/api/auth/get-session")).json();
    expect(session).toBeNull();
    // A sensitive change with the stale session is refused and changes nothing.
    const res = await t.caller.authPost("/change-password", {
      currentPassword: PASSWORD,
      newPassword: "a brand new sentence 77",
    });
    expect(res.status).toBe(401);
    expect((await new Caller(api).signIn(t.email, PASSWORD)).status).toBe(200);
  });

  it("keeps a session created 11 h ago that is still in use", async () => {
    const t = await freshTherapist();
    await setSession(api, t.caller.sessionToken()!, {
      createdAt: new Date(Date.now() - 11 * HOUR),
      updatedAt: new Date(Date.now() - MINUTE),
      expiresAt: new Date(Date.now() + 119 * MINUTE),
    });
    expect(await meStatus(t.caller)).toBe(200);
  });
});

describe("configured timeouts (SESSION_IDLE_MINUTES=5, SESSION_ABSOLUTE_HOURS=1)", () => {
  let small: TestApi;
  beforeAll(async () => {
    small = await createTestApi(
      { TRUST_PROXY: "true", SESSION_IDLE_MINUTES: "5", SESSION_ABSOLUTE_HOURS: "1" },
      { database: api.database },
    );
    extraApis.push(small);
  });

  it("the session and its cookie last 5 minutes", async () => {
    const t = await freshTherapist(small);
    const res = await new Caller(small).signIn(t.email, PASSWORD);
    expect(attributes(sessionCookieLine(res)).get("max-age")).toBe(String(5 * 60));
    const row = (await sessionRowOf(small, t.caller))!;
    const idle = row.expiresAt.getTime() - row.createdAt.getTime();
    expect(idle).toBeGreaterThan(4.9 * MINUTE);
    expect(idle).toBeLessThanOrEqual(5.1 * MINUTE);
  });

  it("unused for 6 minutes: signed out", async () => {
    const t = await freshTherapist(small);
    await setSession(small, t.caller.sessionToken()!, {
      updatedAt: new Date(Date.now() - 6 * MINUTE),
      expiresAt: new Date(Date.now() - MINUTE),
    });
    expect(await meStatus(t.caller)).toBe(401);
  });

  it("created 61 minutes ago: signed out; created 59 minutes ago: still signed in", async () => {
    const old = await freshTherapist(small);
    await setSession(small, old.caller.sessionToken()!, {
      createdAt: new Date(Date.now() - 61 * MINUTE),
      updatedAt: new Date(Date.now() - MINUTE),
      expiresAt: new Date(Date.now() + 4 * MINUTE),
    });
    expect(await meStatus(old.caller)).toBe(401);

    const recent = await freshTherapist(small);
    await setSession(small, recent.caller.sessionToken()!, {
      createdAt: new Date(Date.now() - 59 * MINUTE),
      updatedAt: new Date(Date.now() - MINUTE),
      expiresAt: new Date(Date.now() + 4 * MINUTE),
    });
    expect(await meStatus(recent.caller)).toBe(200);
  });

  it("the same settings with the defaults keep both sessions (the limits really come from the env)", async () => {
    const t = await freshTherapist(api);
    await setSession(api, t.caller.sessionToken()!, {
      createdAt: new Date(Date.now() - 61 * MINUTE),
      updatedAt: new Date(Date.now() - 6 * MINUTE),
      expiresAt: new Date(Date.now() + 114 * MINUTE),
    });
    expect(await meStatus(t.caller)).toBe(200);
  });
});

describe("sign-out", () => {
  it("deletes the session and clears the cookie", async () => {
    const t = await freshTherapist();
    const token = t.caller.sessionToken()!;
    const res = await t.caller.authPost("/sign-out", {});
    expect(res.status).toBe(200);
    expect(t.caller.sessionToken()).toBeNull();
    const row = await api.db
      .selectFrom("session")
      .select("id")
      .where("token", "=", token)
      .executeTakeFirst();
    expect(row).toBeUndefined();
    expect(await meStatus(t.caller)).toBe(401);
  });
});
