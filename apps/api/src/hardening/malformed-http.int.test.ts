/**
 * Malformed HTTP on every kind of route, over a real socket: tRPC (single and batched),
 * better-auth (/api/auth/*), email links (/api/email/*), downloads and the calendar feed,
 * /healthz, /readyz and the static web app.
 *
 * Broken JSON, wrong content types, a 10 MB body (413), 10,000-deep JSON, NaN and BOMs,
 * unicode edge cases (NUL and broken surrogates are refused; emoji, RTL overrides and
 * combining marks in names are ACCEPTED and stored exactly), invalid percent-encoding,
 * path traversal, a 1,000-procedure batch. Nothing answers 5xx, and after every case
 * /healthz still answers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueIp } from "../testing/harness.ts";
import {
  cookieOf,
  makeWebDist,
  rawRequest,
  startTestServer,
  type TestServer,
} from "../testing/http-server.ts";
import { createTwoTenants, type TwoTenants } from "../testing/two-tenants.ts";

let w: TwoTenants;
let server: TestServer;
let web: ReturnType<typeof makeWebDist>;
const ORIGIN = "http://tend.test";

type As = "anonymous" | "therapistA" | "clientA";

function headersFor(as: As, extra: Record<string, string> = {}): Record<string, string> {
  const cookie =
    as === "therapistA"
      ? cookieOf(w.a.therapist.caller)
      : as === "clientA"
        ? cookieOf(w.a.client.caller)
        : "";
  return {
    origin: ORIGIN,
    // A new address every time: per-IP rate limits must not turn these cases into 429s.
    "x-forwarded-for": uniqueIp(),
    ...(cookie ? { cookie } : {}),
    ...extra,
  };
}

async function call(
  path: string,
  init: {
    method?: string;
    as?: As;
    headers?: Record<string, string>;
    body?: string | ReadableStream<Uint8Array>;
  } = {},
) {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? "GET",
    headers: headersFor(init.as ?? "anonymous", init.headers),
    ...(init.body !== undefined ? { body: init.body, duplex: "half" } : {}),
    redirect: "manual",
  } as RequestInit);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function expectAlive() {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", database: "ok" });
}

/** Every route that takes a body, as the caller who may use it. */
const POST_ROUTES: Array<{ path: string; as: As }> = [
  { path: "/trpc/invitations.send", as: "therapistA" },
  { path: "/trpc/exercise.create", as: "therapistA" },
  { path: "/trpc/practice.saveDraft", as: "clientA" },
  { path: "/trpc/me.updateClientSettings", as: "clientA" },
  { path: "/trpc/exercise.create,invitations.send?batch=1", as: "therapistA" },
  { path: "/trpc/me.get", as: "clientA" },
  { path: "/api/auth/sign-in/email", as: "anonymous" },
  { path: "/api/auth/sign-up/email", as: "anonymous" },
  { path: "/api/auth/tend/accept-invitation", as: "anonymous" },
  { path: "/api/auth/request-password-reset", as: "anonymous" },
  { path: "/api/email/unsubscribe/not-a-token", as: "anonymous" },
  { path: "/api/email/not-today/not-a-token", as: "anonymous" },
  { path: "/healthz", as: "anonymous" },
  { path: "/readyz", as: "anonymous" },
  { path: "/", as: "anonymous" },
  { path: "/assets/app-abc123.js", as: "anonymous" },
];

const deep = (n: number) => `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
const deepArray = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

const BAD_BODIES: Array<{ name: string; type?: string; body: string }> = [
  { name: "broken JSON", type: "application/json", body: '{"name": "Ada", ' },
  { name: "JSON with NaN", type: "application/json", body: '{"weeks": NaN}' },
  { name: "JSON with a BOM", type: "application/json", body: '\uFEFF{"name":"Ada"}' },
  { name: "a bare string", type: "application/json", body: '"just a string"' },
  { name: "an array", type: "application/json", body: "[1,2,3]" },
  { name: "empty body", type: "application/json", body: "" },
  { name: "huge number", type: "application/json", body: '{"minutes": 1e400}' },
  { name: "duplicate keys", type: "application/json", body: '{"id": "a", "id": {"$ne": null}}' },
  {
    name: "prototype keys",
    type: "application/json",
    body: '{"__proto__": {"role": "therapist"}, "constructor": {"prototype": {"isAdmin": true}}}',
  },
  { name: "10,000-deep object", type: "application/json", body: deep(10_000) },
  { name: "10,000-deep array", type: "application/json", body: deepArray(10_000) },
  { name: "text/plain JSON", type: "text/plain", body: '{"name":"Ada","email":"ada@example.com"}' },
  {
    name: "form-urlencoded",
    type: "application/x-www-form-urlencoded",
    body: "name=Ada&email=ada%40example.com",
  },
  { name: "multipart garbage", type: "multipart/form-data; boundary=zzz", body: "--zzz\r\nnope" },
  { name: "XML", type: "application/xml", body: "<a><b>1</b></a>" },
  { name: "no content type", body: '{"name":"Ada"}' },
  { name: "binary", type: "application/octet-stream", body: "\u0000\u0001\u0002\u00ff" },
];

beforeAll(async () => {
  w = await createTwoTenants();
  web = makeWebDist();
  server = await startTestServer(w.api, web.dir);
}, 60_000);

afterAll(async () => {
  await server?.close();
  web?.remove();
  await w?.api.drop();
});

describe("malformed bodies on every route", () => {
  const results: string[] = [];
  afterAll(() => console.log(`malformed bodies:\n${results.join("\n")}`));

  for (const route of POST_ROUTES) {
    it(`POST ${route.path}: every malformed body gets a 4xx, and the server stays up`, async () => {
      const seen: string[] = [];
      for (const bad of BAD_BODIES) {
        const res = await call(route.path, {
          method: "POST",
          as: route.as,
          headers: bad.type ? { "content-type": bad.type } : {},
          body: bad.body,
        });
        seen.push(`${res.status}`);
        await expectAlive();
        expect(
          res.status,
          `${bad.name} → ${res.status} ${res.text.slice(0, 200)}`,
        ).toBeGreaterThanOrEqual(400);
        expect(res.status, `${bad.name} → ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(
          500,
        );
      }
      results.push(`  ${route.path}: ${seen.join(" ")}`);
      await expectAlive();
    });
  }
});

describe("deep nesting inside an otherwise valid call", () => {
  it("10,000 levels where an answer, a definition or a query input goes: 400, server up", async () => {
    const deepValue = JSON.parse(deep(10_000));
    const draft = await w.a.client.caller.mutate("practice.start", { exerciseId: w.builtInId });
    const before = await w.a.client.caller.query("entries.get", { id: draft.id });
    const cases: Array<[string, "query" | "mutation", unknown, "clientA" | "therapistA"]> = [
      [
        "practice.saveDraft",
        "mutation",
        { entryId: draft.id, answers: { reframe: deepValue } },
        "clientA",
      ],
      ["practice.complete", "mutation", { entryId: draft.id, answers: deepValue }, "clientA"],
      [
        "exercise.create",
        "mutation",
        { definition: { title: "x", steps: deepValue } },
        "therapistA",
      ],
      ["progress.mine", "query", { weeks: deepValue }, "clientA"],
      ["clients.get", "query", { clientId: deepValue }, "therapistA"],
    ];
    for (const [path, type, input, as] of cases) {
      const caller = as === "clientA" ? w.a.client.caller : w.a.therapist.caller;
      // Built by hand: JSON.stringify itself overflows its stack at this depth.
      const text = JSON.stringify(input, (_k, v) => (v === deepValue ? "__DEEP__" : v)).replace(
        '"__DEEP__"',
        deep(10_000),
      );
      // In process: a 50 KB query string is more than Node's HTTP parser takes (431, tested below).
      const res =
        type === "query"
          ? await caller.fetch(`/trpc/${path}?input=${encodeURIComponent(text)}`)
          : await caller.fetch(`/trpc/${path}`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: text,
            });
      expect(res.status, `${path}: ${(await res.clone().text()).slice(0, 200)}`).toBe(400);
    }
    const entry = await w.a.client.caller.query("entries.get", { id: draft.id });
    expect(entry).toEqual(before);
    await expectAlive();
  });
});

describe("a 10 MB body", () => {
  const tenMb = "x".repeat(10 * 1024 * 1024);
  for (const path of [
    "/trpc/invitations.send",
    "/trpc/practice.saveDraft",
    "/api/auth/sign-in/email",
    "/api/email/unsubscribe/not-a-token",
  ]) {
    it(`${path}: 413 with Content-Length, 413 when chunked, and the server stays up`, async () => {
      const body = JSON.stringify({ name: tenMb });
      const withLength = await rawRequest(
        server.port,
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      expect(withLength.status).toBe(413);
      // No Content-Length: the server has to count as it reads.
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          const chunk = new TextEncoder().encode("x".repeat(1024 * 1024));
          for (let i = 0; i < 10; i++) controller.enqueue(chunk);
          controller.close();
        },
      });
      const chunked = await call(path, {
        method: "POST",
        as: "therapistA",
        headers: { "content-type": "application/json" },
        body: chunks,
      });
      expect(chunked.status).toBe(413);
      await expectAlive();
    });
  }
});

describe("unicode in names and text", () => {
  const NAMES = [
    "Zoë 🌷 Ôkafor",
    "👩‍👩‍👧‍👦 family 🏳️‍🌈",
    "\u202Eevil\u202C name",
    "أمينة \u2067نص\u2069",
    "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗",
    "名前 🀄",
  ];

  it("invitations.send accepts emoji, RTL overrides and combining marks, and stores them exactly", async () => {
    for (const [i, name] of NAMES.entries()) {
      const email = `unicode-${i}@example.com`;
      const res = await call("/trpc/invitations.send", {
        method: "POST",
        as: "therapistA",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name, email }),
      });
      expect(res.status, res.text).toBe(200);
      expect(JSON.parse(res.text).result.data.name).toBe(name);
      const row = await w.api.db
        .selectFrom("invitation")
        .select("name")
        .where("email", "=", email)
        .executeTakeFirstOrThrow();
      expect(row.name).toBe(name);
    }
  });

  it("sign-up and accepting an invitation store such names exactly", async () => {
    const name = NAMES[0]!;
    const signUp = await call("/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name,
        email: "unicode-therapist@example.com",
        password: "a calm river 2026",
      }),
    });
    expect(signUp.status, signUp.text).toBe(200);
    const user = await w.api.db
      .selectFrom("user")
      .select("name")
      .where("email", "=", "unicode-therapist@example.com")
      .executeTakeFirstOrThrow();
    expect(user.name).toBe(name);

    const token = w.a.pendingInvitationToken;
    const clientName = NAMES[1]!;
    const accept = await call("/api/auth/tend/accept-invitation", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        token,
        name: clientName,
        timeZone: "Europe/London",
        password: "a quiet harbour 2026",
      }),
    });
    expect(accept.status, accept.text).toBe(200);
    const client = await w.api.db
      .selectFrom("user")
      .select("name")
      .where("email", "=", "pending-a@example.com")
      .executeTakeFirstOrThrow();
    expect(client.name).toBe(clientName);
  });

  const UNSTORABLE = ["a\u0000b", "\u0000", "broken \uD800 surrogate", "\uDFFF"];

  it("NUL and broken surrogates are refused with a 400 on tRPC, and nothing is written", async () => {
    for (const [i, bad] of UNSTORABLE.entries()) {
      for (const body of [
        { name: bad, email: `nul-${i}@example.com` },
        { name: `Name ${i}`, email: `nul-${i}@example.com`, extra: bad },
      ]) {
        const res = await call("/trpc/invitations.send", {
          method: "POST",
          as: "therapistA",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        expect(res.status, res.text).toBe(400);
      }
      const q = await call(
        `/trpc/clients.get?input=${encodeURIComponent(JSON.stringify({ clientId: bad }))}`,
        { as: "therapistA" },
      );
      expect(q.status, q.text).toBe(400);
    }
    const rows = await w.api.db
      .selectFrom("invitation")
      .select("id")
      .where("email", "like", "nul-%")
      .execute();
    expect(rows).toEqual([]);
    await expectAlive();
  });

  it("NUL and broken surrogates are refused with a 4xx on /api/auth too", async () => {
    for (const [i, bad] of UNSTORABLE.entries()) {
      const signUp = await call("/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          name: bad,
          email: `nul-signup-${i}@example.com`,
          password: "a calm river 2026",
        }),
      });
      expect(
        signUp.status,
        `sign-up ${JSON.stringify(bad)}: ${signUp.text}`,
      ).toBeGreaterThanOrEqual(400);
      expect(signUp.status, `sign-up ${JSON.stringify(bad)}: ${signUp.text}`).toBeLessThan(500);
      const signIn = await call("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `x${bad}@example.com`, password: bad }),
      });
      expect(
        signIn.status,
        `sign-in ${JSON.stringify(bad)}: ${signIn.text}`,
      ).toBeGreaterThanOrEqual(400);
      expect(signIn.status, `sign-in ${JSON.stringify(bad)}: ${signIn.text}`).toBeLessThan(500);
      const accept = await call("/api/auth/tend/accept-invitation", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          token: w.b.pendingInvitationToken,
          name: bad,
          timeZone: "Europe/London",
        }),
      });
      expect(accept.status, `accept ${JSON.stringify(bad)}: ${accept.text}`).toBeGreaterThanOrEqual(
        400,
      );
      expect(accept.status, `accept ${JSON.stringify(bad)}: ${accept.text}`).toBeLessThan(500);
    }
    const users = await w.api.db
      .selectFrom("user")
      .select("id")
      .where("email", "like", "nul-signup-%")
      .execute();
    expect(users).toEqual([]);
    await expectAlive();
  });
});

describe("URLs", () => {
  const clientA = () => w.a.client.id;
  const cases: Array<{ path: string; as?: As; method?: string }> = [
    { path: "/trpc/me.get?input=%E0%A4%A" },
    { path: "/trpc/me.get?input=%ZZ", as: "clientA" },
    { path: "/trpc/clients.get?input=%7B%22clientId%22%3A%22%E0%A4%A%22%7D", as: "therapistA" },
    { path: "/trpc/clients.get?input=%7B%22clientId%22%3A%22%00%22%7D", as: "therapistA" },
    { path: "/trpc/%E0%A4%A" },
    { path: "/trpc/%ff%fe", as: "clientA" },
    { path: "/trpc/me.get%00" },
    { path: "/trpc/__proto__" },
    { path: "/trpc/constructor.prototype", as: "clientA" },
    { path: "/trpc/me.get?batch=1&input=%E0%A4%A" },
    { path: "/trpc/invitations.send%E0%A4%A", as: "therapistA", method: "POST" },
    { path: "/api/auth/%E0%A4%A" },
    { path: "/api/auth/get-session%00" },
    { path: "/api/auth/sign-in/%ff", method: "POST" },
    { path: "/api/auth/verify-email?token=%00" },
    { path: "/api/auth/verify-email?token=%E0%A4%A" },
    { path: "/api/auth/magic-link/verify?token=%00&callbackURL=%2F" },
    { path: "/api/auth/reset-password/%00?callbackURL=%2F" },
    { path: "/api/auth/get-session", as: "clientA" },
    { path: "/api/email/unsubscribe/%E0%A4%A" },
    { path: "/api/email/unsubscribe/%E0%A4%A", method: "POST" },
    { path: "/api/email/not-today/%00", method: "POST" },
    { path: "/api/email/not-today/%ZZ" },
    { path: "/api/export/me.json%E0%A4%A", as: "clientA" },
    { path: "/api/export/clients/%E0%A4%A.pdf", as: "therapistA" },
    { path: "/api/export/clients/%00.pdf", as: "therapistA" },
    { path: "/api/export/me.pdf?from=%E0%A4%A&to=%00", as: "clientA" },
    { path: "/api/calendar/%E0%A4%A.ics" },
    { path: "/api/calendar/%00.ics" },
    { path: "/healthz?%E0%A4%A" },
    { path: "/readyz/%ZZ" },
    { path: "/%E0%A4%A" },
    { path: "/assets/%E0%A4%A.js" },
    { path: "/assets/..%2f..%2f..%2fpackage.json" },
    { path: "/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd" },
    { path: "/..%2f..%2f..%2f..%2fetc%2fpasswd" },
    { path: "/favicon.ico%00.txt" },
  ];

  it("invalid percent-encoding, NUL and traversal: never 5xx, never a file outside the web app", async () => {
    const seen: string[] = [];
    for (const c of [
      ...cases,
      { path: `/api/export/clients/${clientA()}%E0.pdf`, as: "therapistA" as As },
    ]) {
      const h = headersFor(c.as ?? "anonymous");
      // Sent byte for byte: fetch would normalise some of these paths.
      const res = await rawRequest(
        server.port,
        `${c.method ?? "GET"} ${c.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(h)
          .map(([k, v]) => `${k}: ${v}`)
          .join(
            "\r\n",
          )}\r\n${c.method === "POST" ? "Content-Type: application/json\r\nContent-Length: 2\r\n" : ""}Connection: close\r\n\r\n${c.method === "POST" ? "{}" : ""}`,
      );
      seen.push(`${c.method ?? "GET"} ${c.path} → ${res.status}`);
      expect(res.status, `${c.path}: ${res.raw.slice(0, 300)}`).toBeGreaterThanOrEqual(200);
      expect(res.status, `${c.path}: ${res.raw.slice(0, 300)}`).toBeLessThan(500);
      expect(res.body).not.toMatch(/root:x:0:0|"workspaces"|"name": "tend"/);
    }
    console.log(`URLs:\n  ${seen.join("\n  ")}`);
    await expectAlive();
  });

  it("a request line or headers the HTTP parser cannot read get a 4xx", async () => {
    for (const raw of [
      "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\nConnection: close\r\n\r\n",
      "POST /trpc/me.get HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nnope\r\n0\r\n\r\n",
      `GET /trpc/me.get?input=${"a".repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"b".repeat(20_000)}\r\nConnection: close\r\n\r\n`,
      "BREW /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
      "GET /\u0000 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    ]) {
      const res = await rawRequest(server.port, raw);
      expect(res.status, raw.slice(0, 80)).toBeGreaterThanOrEqual(400);
      expect(res.status, raw.slice(0, 80)).toBeLessThan(500);
    }
    await expectAlive();
  });
});

describe("tRPC batching", () => {
  it("a batch of 1,000 queries is refused with a 400, without running any of them", async () => {
    const before = await w.api.db
      .selectFrom("audit_event")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const paths = Array.from({ length: 1000 }, () => "clients.get").join(",");
    const input = JSON.stringify(
      Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [i, { clientId: w.a.client.id }])),
    );
    // In process (no 16 KB URL limit in front of it), as a big reverse proxy would pass it on.
    const inProcess = await w.a.therapist.caller.fetch(
      `/trpc/${paths}?batch=1&input=${encodeURIComponent(input)}`,
    );
    expect(inProcess.status).toBe(400);
    expect(await inProcess.text()).toMatch(/batch/i);
    const after = await w.api.db
      .selectFrom("audit_event")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n); // not one clients.get ran (each would write an audit row)

    // Over the socket: short names fit in the URL.
    const overHttp = await call(
      `/trpc/${Array.from({ length: 1000 }, () => "me.get").join(",")}?batch=1`,
      { as: "clientA" },
    );
    expect(overHttp.status).toBe(400);
    await expectAlive();
  });

  it("a batch of 1,000 mutations is refused with a 400, and nothing is written", async () => {
    const paths = Array.from({ length: 1000 }, () => "invitations.send").join(",");
    const body = JSON.stringify(
      Object.fromEntries(
        Array.from({ length: 1000 }, (_, i) => [i, { name: "B", email: `batch-${i}@example.com` }]),
      ),
    );
    const res = await w.a.therapist.caller.fetch(`/trpc/${paths}?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(res.status).toBe(400);
    const rows = await w.api.db
      .selectFrom("invitation")
      .select("id")
      .where("email", "like", "batch-%")
      .execute();
    expect(rows).toEqual([]);
    await expectAlive();
  });

  it("batches the web app makes (a handful of queries) still work", async () => {
    const paths = [
      "me.get",
      "practice.today",
      "me.clientSettings",
      "entries.mine",
      "progress.mine",
    ];
    const res = await call(`/trpc/${paths.join(",")}?batch=1&input=${encodeURIComponent("{}")}`, {
      as: "clientA",
    });
    expect(res.status, res.text).toBe(200);
    const body = JSON.parse(res.text) as Array<{ result?: unknown }>;
    expect(body).toHaveLength(paths.length);
    for (const r of body) expect(r.result).toBeDefined();
  });
});
