/**
 * What operators see of the API: one log line per request (method, route, path without query
 * string, status, duration, request id — no bodies, query strings, cookies, emails or names),
 * the request id in procedure error logs, and Prometheus metrics at /metrics for the bearer of
 * METRICS_TOKEN only (404 when it is unset), with route labels from a bounded set.
 */
import { Writable } from "node:stream";
import { FieldCipher } from "@tend/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../logger.ts";
import {
  type Actor,
  Caller,
  createTestApi,
  inviteAndAccept,
  signUpTherapist,
  type TestApi,
} from "../testing/harness.ts";

const TOKEN = "api-metrics-token-0123456789";
const THERAPIST = { name: "Perpetua Lindqvist", email: "perpetua.lindqvist@example.com" };
const CLIENT = { name: "Octavian Brightwater", email: "octavian.brightwater@example.com" };

type Line = Record<string, unknown> & { msg: string; level: number };
const lines: Line[] = [];
const capture = new Writable({
  write(chunk, _enc, done) {
    for (const l of String(chunk).split("\n")) if (l.trim()) lines.push(JSON.parse(l));
    done();
  },
});

let api: TestApi;
let therapist: Actor;
let client: Actor;

beforeAll(async () => {
  api = await createTestApi(
    { METRICS_TOKEN: TOKEN, TRUST_PROXY: "true" },
    { log: createLogger("debug", "api", capture) },
  );
  therapist = await signUpTherapist(api, THERAPIST.name, THERAPIST.email);
  client = await inviteAndAccept(api, therapist, CLIENT.name, CLIENT.email);
});
afterAll(async () => {
  await api?.drop();
});

const requestLines = () => lines.filter((l) => l.msg === "request");

describe("request logs", () => {
  it("log one line per request with its id, route, status and duration, and nothing personal", async () => {
    lines.length = 0;
    const marker = "query-string-marker-7c1d";
    const res = await client.caller.fetch(
      `/trpc/progress.mine?input=${encodeURIComponent(JSON.stringify({ note: marker }))}`,
      { headers: { "x-request-id": "req-observability-1" } },
    );
    expect(res.headers.get("x-request-id")).toBe("req-observability-1");
    await therapist.caller.query("clients.get", { clientId: client.id });
    await new Caller(api).fetch("/api/auth/reset-password/SomeTokenValue123456789", {});

    const logged = requestLines();
    expect(logged).toHaveLength(3);
    expect(logged[0]).toMatchObject({
      requestId: "req-observability-1",
      method: "GET",
      route: "/trpc/progress.mine",
      path: "/trpc/progress.mine",
      status: res.status,
    });
    expect(typeof logged[0]!.ms).toBe("number");
    expect(logged[1]).toMatchObject({ route: "/trpc/clients.get", status: 200 });
    expect(logged[1]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(logged[2]!.path).toBe("/api/auth/reset-password/:param");
    const text = JSON.stringify(lines);
    for (const secret of [
      marker,
      "input=",
      "SomeTokenValue",
      client.id,
      THERAPIST.email,
      CLIENT.email,
      THERAPIST.name,
      CLIENT.name,
      ...[...client.caller.cookies.values()],
    ])
      expect(text, secret).not.toContain(secret);
  });

  it("does not take a caller's request id that is not one", async () => {
    lines.length = 0;
    const res = await new Caller(api).fetch("/healthz", {
      headers: { "x-request-id": "someone@example.com says hi" },
    });
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines()[0]).toMatchObject({ requestId: id, route: "/healthz", level: 20 });
  });

  it("puts the request id into the log of a procedure that failed", async () => {
    await therapist.caller.mutate("sessionNotes.save", {
      clientId: client.id,
      sessionDate: "2026-01-05",
      note: "Talked about the week.",
    });
    // The same database read with another key: the note cannot be decrypted, the call fails.
    const otherKey = await createTestApi(
      { DATA_ENCRYPTION_KEY: FieldCipher.generateSpec("other") },
      { database: api.database, log: createLogger("debug", "api", capture) },
    );
    const caller = new Caller(otherKey);
    caller.cookies = new Map(therapist.caller.cookies);
    lines.length = 0;
    const res = await caller.fetch(
      `/trpc/sessionNotes.list?input=${encodeURIComponent(JSON.stringify({ clientId: client.id }))}`,
      { headers: { "x-request-id": "req-failing-procedure" } },
    );
    expect(res.status).toBe(500);
    const failed = lines.find((l) => l.msg === "procedure failed");
    expect(failed).toMatchObject({ requestId: "req-failing-procedure", path: "sessionNotes.list" });
    expect(JSON.stringify(failed)).not.toContain("Talked about the week");
    expect(requestLines().at(-1)).toMatchObject({
      requestId: "req-failing-procedure",
      status: 500,
      level: 40,
    });
  });
});

describe("GET /metrics", () => {
  async function scrape(authorization?: string) {
    const res = await api.app.request("/metrics", {
      headers: authorization ? { authorization } : {},
    });
    return { res, text: await res.text() };
  }

  it("answers only to the bearer of METRICS_TOKEN", async () => {
    expect((await scrape()).res.status).toBe(401);
    expect((await scrape("Bearer not-the-token-at-all")).res.status).toBe(401);
    expect((await scrape(`Basic ${Buffer.from(`x:${TOKEN}`).toString("base64")}`)).res.status).toBe(
      401,
    );
    const { res, text } = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(text).toContain("process_resident_memory_bytes");
    expect(text).toContain("# TYPE tend_http_request_duration_seconds histogram");
  });

  it("counts hits and misses of the screen cache, and holds its size", async () => {
    const count = (text: string, outcome: string) =>
      Number(
        new RegExp(
          `^tend_api_cache_lookups_total\\{cache="screen",outcome="${outcome}"\\} (\\d+)`,
          "m",
        ).exec(text)?.[1] ?? 0,
      );
    const before = (await scrape(`Bearer ${TOKEN}`)).text;
    await client.caller.query("practice.today");
    await client.caller.query("practice.today");
    const after = (await scrape(`Bearer ${TOKEN}`)).text;
    expect(count(after, "miss")).toBeGreaterThanOrEqual(count(before, "miss") + 1);
    expect(count(after, "hit")).toBeGreaterThanOrEqual(count(before, "hit") + 1);
    expect(after).toMatch(/^tend_api_cache_entries\{cache="screen"\} [1-9]/m);
    // No change feed in this app: kept sessions are off, and say so.
    expect(after).toMatch(/^tend_api_session_cache_live 0$/m);
  });

  it("is not there at all without METRICS_TOKEN", async () => {
    const without = await createTestApi({}, { database: api.database });
    const res = await without.app.request("/metrics", {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(404);
  });

  it("labels latency by method, route pattern and status, from a bounded set of routes", async () => {
    const anonymous = new Caller(api);
    await anonymous.fetch("/healthz");
    await anonymous.fetch("/api/email/unsubscribe/a-made-up-token-value", { method: "POST" });
    await anonymous.fetch("/trpc/made.up.procedure");
    await anonymous.fetch("/trpc/me.sessionState,me.get");
    await anonymous.fetch("/api/auth/made-up-endpoint-name");
    await anonymous.fetch("/nothing/here/at-all-9f2");
    await anonymous.fetch("/healthz", { method: "BREW" });
    const { text } = await scrape(`Bearer ${TOKEN}`);
    const series = text
      .split("\n")
      .filter((l) => l.startsWith("tend_http_request_duration_seconds_count"));
    const has = (labels: string) => series.some((l) => l.includes(labels));
    expect(has('method="GET",route="/healthz",status="200"')).toBe(true);
    expect(has('method="POST",route="/api/email/unsubscribe/:token",status="400"')).toBe(true);
    expect(has('route="/trpc/(unknown)"')).toBe(true);
    expect(has('route="/trpc/(batch)"')).toBe(true);
    expect(has('route="/trpc/clients.get",status="200"')).toBe(true);
    expect(has('route="/api/auth/*",status="404"')).toBe(true);
    expect(has('method="OTHER"')).toBe(true);
    for (const made of ["made.up", "a-made-up-token", "made-up-endpoint", "at-all-9f2", "BREW"])
      expect(text, made).not.toContain(made);
    expect(text).not.toContain(client.id);
  });
});
