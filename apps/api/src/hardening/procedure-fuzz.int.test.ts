/**
 * Property tests of every tRPC procedure × every kind of caller, over HTTP (the whole Hono app:
 * body limit, origin check, tRPC, better-auth sessions, PostgreSQL).
 *
 * Inputs come from each procedure's own zod input schema (../testing/zod-arbitrary.ts), aimed
 * at real rows of both tenants, and from hostile variants of them (../testing/hostile-inputs.ts).
 * For every call:
 * - the answer is 200 or 4xx, never 5xx, always JSON, marked `Cache-Control: no-store`, and a
 *   refusal shows no internals (stack, SQL);
 * - a refused call changes nothing: row counts and a hash of every row of every table are
 *   compared before and after EACH refused call (audit_event, rate_limit_bucket, rateLimit,
 *   session and verification change legitimately and are left out; see db-snapshot.ts).
 * Afterwards nothing reached Object.prototype (the "__proto__" keys) and both tenants' rows
 * that nobody was allowed to change are still there.
 *
 * Fixed seed; FUZZ_RUNS (default 30) inputs per procedure per caller. The table printed at the
 * end says how many inputs each procedure was given and how they were answered.
 */
import { answersSchema, localDateSchema, timeZoneSchema } from "@tend/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbSnapshot, snapshotDiff, snapshotter } from "../testing/db-snapshot.ts";
import type { Caller } from "../testing/harness.ts";
import { describeInput, hostileInputs, type Sample } from "../testing/hostile-inputs.ts";
import {
  ACTOR_NAMES,
  type ActorName,
  createTwoTenants,
  LOVED_ONE_ANSWERS,
  refreshInvitationTokens,
  type TwoTenants,
} from "../testing/two-tenants.ts";
import { zodArbitrary } from "../testing/zod-arbitrary.ts";
import { appRouter } from "../trpc/router.ts";

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED = 20_260_126;

type Procedure = { _def: { type: "query" | "mutation" | "subscription"; inputs: unknown[] } };
// Calls that use up the fixtures (delete, archive, revoke, end) go last, so the others still hit live rows.
const destructive = /\.(delete|archive|revoke|setStatus)$/;
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, Procedure>,
).sort(([a], [b]) => Number(destructive.test(a)) - Number(destructive.test(b)));

let w: TwoTenants;
let snapshot: () => Promise<DbSnapshot>;
let baseline: DbSnapshot;

type Stats = { tried: number; ok: number; statuses: Record<number, number>; kinds: Set<string> };
const stats = new Map<string, Stats>();

function arbitraryFor(proc: Procedure): fc.Arbitrary<Sample> {
  const { a, b, builtInId } = w;
  const known = (...ids: string[]) =>
    fc.oneof(
      { arbitrary: fc.constantFrom(...ids), weight: 3 },
      { arbitrary: fc.uuid(), weight: 1 },
    );
  const options = {
    overrides: new Map<unknown, fc.Arbitrary<unknown>>([
      [timeZoneSchema, fc.constantFrom("Europe/London", "America/New_York", "Pacific/Chatham")],
      [
        localDateSchema,
        fc
          .date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
      ],
    ]),
    keys: {
      clientId: fc.oneof(
        { arbitrary: fc.constantFrom(a.client.id, b.client.id, a.therapist.id), weight: 3 },
        { arbitrary: fc.string({ minLength: 1, maxLength: 64 }), weight: 1 },
      ),
      id: known(
        a.entryId,
        b.entryId,
        a.draftId,
        a.assignmentId,
        b.assignmentId,
        a.ownExerciseId,
        b.ownExerciseId,
        a.pendingInvitationId,
        b.pendingInvitationId,
      ),
      entryId: known(a.draftId, b.draftId, a.entryId, b.entryId),
      assignmentId: known(a.assignmentId, b.assignmentId),
      exerciseId: known(builtInId, a.ownExerciseId, b.ownExerciseId),
      token: fc.oneof(
        fc.constantFrom(a.pendingInvitationToken, b.pendingInvitationToken),
        fc.string({ minLength: 20, maxLength: 200 }),
      ),
      answers: fc.oneof(
        fc
          .tuple(fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 }))
          .map(([harsh, kinder]) => LOVED_ONE_ANSWERS(harsh, kinder)),
        zodArbitrary(answersSchema),
        fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      ),
    },
  };
  const parts = proc._def.inputs.map((i) => zodArbitrary(i, options));
  const valid =
    parts.length === 0
      ? fc.constant(undefined)
      : parts.length === 1
        ? parts[0]!
        : fc.tuple(...parts).map((xs) => Object.assign({}, ...xs));
  return hostileInputs(valid);
}

/** The call as the web makes it: GET with ?input= for queries, a JSON POST for mutations. */
async function send(caller: Caller, path: string, type: string, input: unknown) {
  const res =
    type === "query"
      ? await caller.fetch(
          `/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
        )
      : await caller.fetch(`/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          ...(input === undefined ? {} : { body: JSON.stringify(input) }),
        });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const INTERNALS =
  /\bat .+\(.+:\d+:\d+\)|node_modules|\bselect\b.+\bfrom\b|syntax error at|violates .+ constraint|invalid byte sequence/i;

async function callOnce(path: string, type: string, actor: ActorName, sample: Sample) {
  const s = stats.get(path)!;
  s.tried++;
  s.kinds.add(sample.kind);
  const res = await send(w.callers[actor], path, type, sample.input);
  s.statuses[res.status] = (s.statuses[res.status] ?? 0) + 1;
  const what = `${path} as ${actor} with ${sample.kind} ${describeInput(sample.input)} → ${res.status} ${res.text.slice(0, 300)}`;
  if (res.status >= 500) throw new Error(`server error: ${what}`);
  if (res.status !== 200 && (res.status < 400 || res.status >= 500))
    throw new Error(`neither 200 nor 4xx: ${what}`);
  if (!res.headers.get("content-type")?.startsWith("application/json"))
    throw new Error(`not JSON: ${what}`);
  if (res.headers.get("cache-control") !== "no-store") throw new Error(`cacheable: ${what}`);
  if (res.status === 200) {
    s.ok++;
    baseline = await snapshot();
    return;
  }
  if (INTERNALS.test(res.text)) throw new Error(`refusal shows internals: ${what}`);
  const after = await snapshot();
  const changed = snapshotDiff(baseline, after);
  baseline = after;
  if (changed.length) throw new Error(`refused call changed ${changed.join(", ")}: ${what}`);
}

beforeAll(async () => {
  w = await createTwoTenants();
  snapshot = await snapshotter(w.api.db);
  baseline = await snapshot();
}, 60_000);

afterAll(async () => {
  const rows = [...stats].map(([path, s]) => ({
    procedure: path,
    inputs: s.tried,
    "200": s.ok,
    refused: Object.entries(s.statuses)
      .filter(([code]) => code !== "200")
      .map(([code, n]) => `${code}×${n}`)
      .join(" "),
  }));
  const total = rows.reduce((n, r) => n + r.inputs, 0);
  console.log(
    `procedure fuzz: ${total} generated inputs over ${rows.length} procedures × ${ACTOR_NAMES.length} callers (seed ${SEED}, ${RUNS} runs each)`,
  );
  console.table(rows);
  await w?.api.drop();
});

describe("every procedure, every caller, generated and hostile inputs", () => {
  it("covers every procedure of the router", () => {
    expect(procedures.length).toBeGreaterThan(30);
  });

  procedures.forEach(([path, proc], index) => {
    it(`${path} answers 200 or 4xx, and a refusal changes nothing`, async () => {
      stats.set(path, { tried: 0, ok: 0, statuses: {}, kinds: new Set() });
      await refreshInvitationTokens(w);
      const arbitrary = arbitraryFor(proc);
      const failures: string[] = [];
      for (const [i, actor] of ACTOR_NAMES.entries()) {
        const details = await fc.check(
          fc.asyncProperty(arbitrary, (sample) => callOnce(path, proc._def.type, actor, sample)),
          { seed: SEED + index * 10 + i, numRuns: RUNS, interruptAfterTimeLimit: 20_000 },
        );
        if (details.failed)
          failures.push(
            `${actor} (seed ${details.seed}, path ${details.counterexamplePath}): ${(details.errorInstance as Error)?.message}`,
          );
      }
      expect(failures).toEqual([]);
    }, 120_000);
  });

  it("left Object.prototype alone and kept every tenant's rows", async () => {
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
    // The rows nobody but their owner may change are all still there.
    for (const t of [w.a, w.b]) {
      const users = await w.api.db
        .selectFrom("user")
        .select("id")
        .where("id", "in", [t.therapist.id, t.client.id])
        .execute();
      expect(users).toHaveLength(2);
      const notes = await w.api.db
        .selectFrom("session_note")
        .select("id")
        .where("client_id", "=", t.client.id)
        .execute();
      expect(notes.length).toBeGreaterThanOrEqual(1);
    }
  });
});
