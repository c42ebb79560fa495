/**
 * Security headers on every kind of response: a strict CSP (no 'unsafe-inline' or
 * 'unsafe-eval' for scripts, frame-ancestors 'none'), nosniff, a Referrer-Policy, HSTS only
 * when the site is served over https, and `Cache-Control: no-store` on every /trpc and /api
 * response that may carry personal data (answers, errors and downloads alike).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApi, type TestApi } from "../testing/harness.ts";
import { cookieOf, makeWebDist, startTestServer, type TestServer } from "../testing/http-server.ts";
import { ACTOR_NAMES, createTwoTenants, type TwoTenants } from "../testing/two-tenants.ts";
import { zodArbitrary } from "../testing/zod-arbitrary.ts";
import { appRouter } from "../trpc/router.ts";

let w: TwoTenants;
let web: ReturnType<typeof makeWebDist>;
let http: TestServer;
let https: { api: TestApi; server: TestServer };

/** Every kind of response: static page and asset, health, tRPC (ok and refused), auth, 404, 413. */
const KINDS: Array<{ name: string; path: string; init?: RequestInit; as?: "clientA" }> = [
  { name: "index.html", path: "/" },
  { name: "client-side route", path: "/practice/today" },
  { name: "hashed asset", path: "/assets/app-abc123.js" },
  { name: "favicon", path: "/favicon.ico" },
  { name: "healthz", path: "/healthz" },
  { name: "readyz", path: "/readyz" },
  { name: "tRPC ok", path: "/trpc/me.sessionState" },
  { name: "tRPC refused", path: "/trpc/me.get" },
  { name: "tRPC as a client", path: "/trpc/practice.today", as: "clientA" },
  { name: "auth session", path: "/api/auth/get-session", as: "clientA" },
  { name: "download", path: "/api/export/me.json", as: "clientA" },
  { name: "email link", path: "/api/email/unsubscribe/nope", init: { method: "POST" } },
  {
    name: "413",
    path: "/trpc/invitations.send",
    init: {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://tend.test" },
      body: "x".repeat(2 * 1024 * 1024),
    },
  },
];

async function get(server: TestServer, kind: (typeof KINDS)[number]) {
  const headers = new Headers(kind.init?.headers);
  if (kind.as) headers.set("cookie", cookieOf(w.a.client.caller));
  return server.app.request(kind.path, { ...kind.init, headers });
}

function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values);
  }
  return out;
}

beforeAll(async () => {
  w = await createTwoTenants();
  web = makeWebDist();
  http = await startTestServer(w.api, web.dir);
  const api = await createTestApi(
    { NODE_ENV: "production", PUBLIC_URL: "https://tend.example", TRUST_PROXY: "true" },
    { database: w.api.database },
  );
  https = { api, server: await startTestServer(api, web.dir) };
}, 60_000);

afterAll(async () => {
  await http?.close();
  await https?.server.close();
  web?.remove();
  await w?.api.drop();
});

describe("on every kind of response", () => {
  for (const kind of KINDS) {
    it(`${kind.name}: strict CSP, nosniff, Referrer-Policy, no framing`, async () => {
      const res = await get(http, kind);
      expect(res.status, kind.name).toBeLessThan(500);
      const csp = directives(res.headers.get("content-security-policy") ?? "");
      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("base-uri")).toEqual(["'none'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      for (const [name, values] of csp)
        if (name.startsWith("script") || name === "default-src")
          expect(values.join(" "), name).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:|http:/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toMatch(
        /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
      );
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      // Served over http: HSTS would be ignored at best, and wrong for a local install.
      expect(res.headers.get("strict-transport-security")).toBeNull();
    });
  }

  it("HSTS (a year or more, subdomains too) on every response when PUBLIC_URL is https", async () => {
    for (const kind of KINDS) {
      const res = await get(https.server, kind);
      const hsts = res.headers.get("strict-transport-security") ?? "";
      expect(hsts, kind.name).toMatch(/includeSubDomains/);
      expect(Number(hsts.match(/max-age=(\d+)/)?.[1]), kind.name).toBeGreaterThanOrEqual(
        31_536_000,
      );
      expect(
        directives(res.headers.get("content-security-policy") ?? "").get("script-src"),
      ).toEqual(["'self'"]);
    }
  });

  it("the built web app (when there is one) has no inline script the CSP would block", () => {
    const index = path.resolve(import.meta.dirname, "../../../web/dist/index.html");
    if (!existsSync(index)) return; // not built in this checkout: the stand-in above has none
    const html = readFileSync(index, "utf8");
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [])
      expect(tag, "an inline script").toMatch(/<script\b[^>]*\bsrc=/i);
  });
});

describe("Cache-Control: no-store on personal data", () => {
  it("every procedure, as every caller, answered or refused", async () => {
    const procedures = Object.entries(
      appRouter._def.procedures as unknown as Record<
        string,
        { _def: { type: "query" | "mutation"; inputs: unknown[] } }
      >,
    );
    let answered = 0;
    let total = 0;
    for (const [p, proc] of procedures) {
      for (const actor of ACTOR_NAMES) {
        const tenant = actor.endsWith("B") ? w.b : w.a;
        const keys = {
          clientId: fc.constant(tenant.client.id),
          id: fc.constant(tenant.entryId),
          entryId: fc.constant(tenant.draftId),
          assignmentId: fc.constant(tenant.assignmentId),
          exerciseId: fc.constant(w.builtInId),
          token: fc.constant(tenant.pendingInvitationToken),
        };
        const [input] = proc._def.inputs.length
          ? fc.sample(zodArbitrary(proc._def.inputs[0], { keys }), { seed: 11, numRuns: 1 })
          : [undefined];
        const res = await w.callers[actor].fetch(
          proc._def.type === "query"
            ? `/trpc/${p}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
            : `/trpc/${p}`,
          proc._def.type === "query"
            ? {}
            : {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify(input ?? null),
              },
        );
        total++;
        if (res.status === 200) answered++;
        expect(res.headers.get("cache-control"), `${p} as ${actor} → ${res.status}`).toBe(
          "no-store",
        );
      }
    }
    console.log(`no-store checked on ${total} tRPC calls (${answered} answered 200)`);
    expect(answered).toBeGreaterThan(procedures.length);
  });

  it("auth, downloads, the calendar feed and email links", async () => {
    const client = w.a.client.caller;
    const feed = await client.mutate("calendar.createFeed");
    const feedPath = new URL(feed.url).pathname;
    const cases: Array<[string, Response]> = [
      ["get-session", await client.fetch("/api/auth/get-session")],
      [
        "sign-in",
        await w.anonymous.authPost("/sign-in/email", {
          email: "nobody@example.com",
          password: "x".repeat(12),
        }),
      ],
      ["export json", await client.fetch("/api/export/me.json")],
      ["export csv", await client.fetch("/api/export/me.csv")],
      ["export ics", await client.fetch("/api/export/me.ics")],
      ["calendar feed", await w.anonymous.fetch(feedPath)],
      ["calendar 404", await w.anonymous.fetch("/api/calendar/nope.ics")],
      ["unsubscribe", await w.anonymous.fetch("/api/email/unsubscribe/nope", { method: "POST" })],
    ];
    for (const [name, res] of cases) {
      expect(res.status, name).toBeLessThan(500);
      expect(res.headers.get("cache-control"), name).toBe("no-store");
    }
    expect(cases.find(([n]) => n === "calendar feed")![1].status).toBe(200);
  });

  it("the web app's page is revalidated, and only hashed assets are cached for long", async () => {
    const page = await http.app.request("/practice/today");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const asset = await http.app.request("/assets/app-abc123.js");
    expect(asset.headers.get("cache-control")).toMatch(/immutable/);
  });
});
