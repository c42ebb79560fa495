/**
 * Nobody learns whether an address has an account: password reset and invitations answer the
 * same (status and body) and take about the same time either way.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  Caller,
  createTestApi,
  outboxRows,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const RUNS = 7;
/** Generous, so a busy CI machine does not make this flaky; a real leak (argon2, SMTP) is 10×+. */
const MAX_RATIO = 3;

let api: TestApi;
let therapist: Actor;
const existing: string[] = [];

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  therapist = await signUpTherapist(api, "Dana Therapist", "dana@example.com");
  for (let i = 0; i < RUNS + 1; i++) {
    const email = `member${i}@example.com`;
    await signUpTherapist(api, `Member ${i}`, email);
    existing.push(email);
  }
});
afterAll(async () => api?.drop());

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

function expectSimilarTimes(label: string, known: number[], unknown: number[]) {
  const a = median(known);
  const b = median(unknown);
  console.log(
    `[timing] ${label}: existing account median ${a.toFixed(1)} ms, unknown median ${b.toFixed(1)} ms (runs: ${RUNS} each)`,
  );
  expect(Math.max(a, b) / Math.min(a, b)).toBeLessThan(MAX_RATIO);
}

describe("password reset request", () => {
  async function requestReset(email: string) {
    // A new caller (its own address) each time: only the per-account rule could apply.
    const res = await new Caller(api).authPost("/request-password-reset", {
      email,
      redirectTo: "/reset-password",
    });
    return { status: res.status, body: await res.json() };
  }

  it("answers the same, in about the same time, whether or not the account exists", async () => {
    // Warm up both paths (module loading, prepared plans) outside the measurement.
    await requestReset(existing[RUNS]!);
    await requestReset("warmup-nobody@example.com");

    const known: number[] = [];
    const unknown: number[] = [];
    const answers = new Set<string>();
    for (let i = 0; i < RUNS; i++) {
      const a = await timed(() => requestReset(existing[i]!));
      const b = await timed(() => requestReset(`nobody${i}@example.com`));
      known.push(a.ms);
      unknown.push(b.ms);
      expect(a.value.status).toBe(200);
      expect(b.value).toEqual(a.value);
      answers.add(JSON.stringify(a.value));
    }
    expect(answers.size).toBe(1);
    expectSimilarTimes("password reset", known, unknown);

    // Only the real accounts got an email.
    const sent = await outboxRows(api, { template: "reset-password" });
    expect(sent.map((r) => r.to_address).sort()).toEqual([...existing].sort());
  });
});

describe("invitation", () => {
  function normalise(body: Record<string, unknown>) {
    const { id, email, expiresAt, lastSentAt, ...rest } = body;
    return {
      ...rest,
      id: typeof id,
      email: typeof email,
      expiresAt: typeof expiresAt,
      lastSentAt: typeof lastSentAt,
    };
  }

  it("answers the same, in about the same time, whether or not the address has an account", async () => {
    const send = async (email: string) => {
      const r = await therapist.caller.trpc("invitations.send", "mutation", {
        name: "A Person",
        email,
      });
      return { status: r.status, body: r.body.result?.data ?? r.body };
    };
    await send(existing[RUNS]!);
    await send("warmup-new@example.com");

    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const a = await timed(() => send(existing[i]!));
      const b = await timed(() => send(`newcomer${i}@example.com`));
      known.push(a.ms);
      unknown.push(b.ms);
      expect(a.value.status).toBe(200);
      expect(b.value.status).toBe(a.value.status);
      expect(normalise(b.value.body)).toEqual(normalise(a.value.body));
      expect(a.value.body).toMatchObject({ state: "pending", sentCount: 1, name: "A Person" });
    }
    expectSimilarTimes("invitation", known, unknown);
    // Both kinds of address got their invitation email.
    expect(await outboxRows(api, { template: "invite", to: existing[0] })).toHaveLength(1);
    expect(await outboxRows(api, { template: "invite", to: "newcomer0@example.com" })).toHaveLength(
      1,
    );
  });
});

describe("sign-in", () => {
  it("a wrong password and an unknown email get the same answer", async () => {
    const wrong = await new Caller(api).signIn(existing[0]!, "not the right password");
    const nobody = await new Caller(api).signIn(
      "nobody-at-all@example.com",
      "not the right password",
    );
    expect(wrong.status).toBe(401);
    expect(nobody.status).toBe(401);
    expect(await nobody.json()).toEqual(await wrong.json());
  });
});
