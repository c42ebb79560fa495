/**
 * Injection: every string parameter of every procedure gets SQL payloads (`'; drop table
 * entry; --`, `" or 1=1 --`, `\x00`, `$$`…) and every free-text field gets script/HTML
 * payloads. Each call is answered 200 (and the payload is stored and shown back exactly, as
 * a JSON string) or refused with a 4xx; afterwards every table is still there with its rows.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCRIPT_PAYLOADS, SQL_PAYLOADS } from "../testing/hostile-inputs.ts";
import { cookieOf, makeWebDist, startTestServer } from "../testing/http-server.ts";
import {
  type ActorName,
  createTwoTenants,
  LOVED_ONE_ANSWERS,
  OWN_DEFINITION,
  type TwoTenants,
} from "../testing/two-tenants.ts";
import { zodArbitrary } from "../testing/zod-arbitrary.ts";
import { appRouter } from "../trpc/router.ts";

let w: TwoTenants;
let countsBefore: Record<string, number>;

type Row = {
  as: Exclude<ActorName, "anonymous">;
  input: (w: TwoTenants) => unknown | Promise<unknown>;
  /** Read the stored value back another way (when the answer itself does not carry it). */
  readBack?: (w: TwoTenants) => Promise<unknown>;
};

async function newDraft(t: TwoTenants): Promise<string> {
  return (await t.a.client.caller.mutate("practice.start", { exerciseId: t.builtInId })).id;
}

/** A valid call of every procedure that takes input, by a caller allowed to make it. */
const VALID: Record<string, Row> = {
  "me.updateClientSettings": {
    as: "clientA",
    input: () => ({ timeZone: "Europe/Paris", quietStart: "22:00", summaryTime: "18:00" }),
  },
  "exercise.get": { as: "therapistA", input: (t) => ({ id: t.a.ownExerciseId }) },
  "exercise.create": { as: "therapistA", input: () => ({ definition: OWN_DEFINITION }) },
  "exercise.update": {
    as: "therapistA",
    input: (t) => ({ id: t.a.ownExerciseId, definition: OWN_DEFINITION }),
  },
  "exercise.archive": { as: "therapistB", input: (t) => ({ id: t.b.ownExerciseId }) },
  "clients.get": { as: "therapistA", input: (t) => ({ clientId: t.a.client.id }) },
  "invitations.send": {
    as: "therapistA",
    input: () => ({ name: "Nia North", email: "nia@example.com" }),
  },
  "invitations.resend": { as: "therapistB", input: (t) => ({ id: t.b.pendingInvitationId }) },
  "invitations.revoke": { as: "therapistB", input: (t) => ({ id: t.b.pendingInvitationId }) },
  "invitations.preview": { as: "clientB", input: (t) => ({ token: t.a.pendingInvitationToken }) },
  "assignments.create": {
    as: "therapistA",
    input: (t) => ({
      clientId: t.a.client.id,
      exerciseId: t.builtInId,
      schedule: { kind: "days", days: [2], times: ["09:30"] },
      startDate: "2026-02-02",
      endDate: "2026-03-02",
      note: "Gently.",
    }),
  },
  "assignments.update": {
    as: "therapistA",
    input: (t) => ({ id: t.a.assignmentId, note: "Gently, again.", startDate: "2026-01-05" }),
  },
  "assignments.setStatus": {
    as: "therapistA",
    input: (t) => ({ id: t.a.assignmentId, action: "resume" }),
  },
  "assignments.listForClient": { as: "therapistA", input: (t) => ({ clientId: t.a.client.id }) },
  "practice.start": { as: "clientA", input: (t) => ({ exerciseId: t.builtInId }) },
  "practice.saveDraft": {
    as: "clientA",
    input: async (t) => ({ entryId: await newDraft(t), answers: LOVED_ONE_ANSWERS("h", "k") }),
  },
  "practice.complete": {
    as: "clientA",
    input: async (t) => ({ entryId: await newDraft(t), answers: LOVED_ONE_ANSWERS("h", "k") }),
  },
  "practice.notToday": {
    as: "clientA",
    input: (t) => ({ assignmentId: t.a.assignmentId, occurrenceAt: "2026-01-07T08:00:00.000Z" }),
  },
  "entries.get": { as: "clientA", input: (t) => ({ id: t.a.entryId }) },
  "entries.setSharing": { as: "clientA", input: (t) => ({ id: t.a.entryId, shared: true }) },
  "entries.setFlag": { as: "clientA", input: (t) => ({ id: t.a.entryId, flagged: true }) },
  "entries.delete": { as: "clientA", input: (t) => ({ id: t.a.draftId }) },
  "entries.forClient": { as: "therapistA", input: (t) => ({ clientId: t.a.client.id }) },
  "review.bundle": {
    as: "therapistA",
    input: (t) => ({ clientId: t.a.client.id, from: "2026-01-01" }),
  },
  "review.setWeekNote": {
    as: "therapistA",
    input: (t) => ({ clientId: t.a.client.id, note: "This week: rest." }),
    readBack: async (t) => (await t.a.client.caller.query("practice.today")).weekNote,
  },
  "sessionNotes.list": { as: "therapistA", input: (t) => ({ clientId: t.a.client.id }) },
  "sessionNotes.save": {
    as: "therapistA",
    input: (t) => ({ clientId: t.a.client.id, sessionDate: "2026-01-08", note: "Talked." }),
    readBack: (t) => t.a.therapist.caller.query("sessionNotes.list", { clientId: t.a.client.id }),
  },
  "progress.mine": { as: "clientA", input: () => ({ weeks: 4 }) },
};

type Path = Array<string | number>;
/** Paths of the string leaves (or, with `any`, of every leaf). */
function leafPaths(v: unknown, any = false, path: Path = []): Path[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => leafPaths(x, any, [...path, i]));
  if (v && typeof v === "object")
    return Object.entries(v).flatMap(([k, x]) => leafPaths(x, any, [...path, k]));
  return typeof v === "string" || any ? [path] : [];
}
function withValue(v: unknown, path: Path, value: string): unknown {
  const copy = structuredClone(v) as Record<string | number, unknown>;
  let parent = copy;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
  return copy;
}
function containsString(v: unknown, s: string): boolean {
  if (typeof v === "string") return v === s;
  if (Array.isArray(v)) return v.some((x) => containsString(x, s));
  if (v && typeof v === "object") return Object.values(v).some((x) => containsString(x, s));
  return false;
}

/** The payload as it is, and long enough for fields with a minimum length (tokens). */
const variants = (p: string) => [p, `${p} -- Robert'); DROP TABLE entry;--`];

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: "query" | "mutation"; inputs: unknown[] } }
  >,
);

async function tableCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(w.api.db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(
      w.api.db,
    );
    out[name] = r.rows[0]!.n;
  }
  return out;
}

beforeAll(async () => {
  w = await createTwoTenants();
  countsBefore = await tableCounts();
}, 60_000);
afterAll(async () => w?.api.drop());

describe("SQL payloads in every string parameter", () => {
  const tried = new Map<string, number>();
  afterAll(() =>
    console.log(
      `SQL payload calls per procedure: ${[...tried].map(([p, n]) => `${p} ${n}`).join(", ")}`,
    ),
  );

  for (const [path, proc] of procedures) {
    if (proc._def.inputs.length === 0) continue;
    it(`${path}: stored and shown back exactly, or refused with a 4xx`, async () => {
      const row = VALID[path];
      // A procedure added since this table was written still gets payloads, from a generated input.
      const base = row
        ? await row.input(w)
        : fc.sample(zodArbitrary(proc._def.inputs[0]), { seed: 7, numRuns: 1 })[0];
      const callers = row ? [row.as] : (["therapistA", "clientA"] as const);
      // No string parameter at all (a number, a flag): a payload where it goes must be refused.
      const strings = leafPaths(base);
      const leaves = strings.length ? strings : leafPaths(base, true);
      expect(leaves.length, `${path} has no parameter in its sample input`).toBeGreaterThan(0);
      let n = 0;
      for (const leaf of leaves) {
        for (const payload of SQL_PAYLOADS.flatMap(variants)) {
          for (const as of callers) {
            const fresh = row ? await row.input(w) : base;
            const input = withValue(fresh, leaf, payload);
            const r = await w.callers[as].trpc(path, proc._def.type, input);
            n++;
            const what = `${path} as ${as}, ${leaf.join(".")} = ${JSON.stringify(payload)} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
            expect(r.status === 200 || (r.status >= 400 && r.status < 500), what).toBe(true);
            if (r.status === 200 && row?.readBack)
              expect(containsString(await row.readBack(w), payload), `read back: ${what}`).toBe(
                true,
              );
          }
        }
      }
      tried.set(path, n);
    });
  }

  it("free text with SQL payloads is stored and shown back exactly", async () => {
    for (const payload of SQL_PAYLOADS) {
      const name = `Pat ${payload}`;
      const inv = await w.a.therapist.caller.mutate("invitations.send", {
        name,
        email: `sql-${SQL_PAYLOADS.indexOf(payload)}@example.com`,
      });
      expect(inv.name).toBe(name);
      const draft = await newDraft(w);
      const saved = await w.a.client.caller.mutate("practice.saveDraft", {
        entryId: draft,
        answers: LOVED_ONE_ANSWERS(payload, `${payload}!`),
      });
      expect(saved.answers.reframe.harsh).toBe(payload);
      const again = await w.a.client.caller.query("entries.get", { id: draft });
      expect(again.answers.reframe).toMatchObject({ harsh: payload, kinder: `${payload}!` });
    }
  });

  it("every table is still there, and no table lost rows", async () => {
    const after = await tableCounts();
    expect(Object.keys(after).sort()).toEqual(Object.keys(countsBefore).sort());
    // entries.delete and exercise.archive may each have used up one fixture, nothing more.
    for (const [table, n] of Object.entries(countsBefore))
      expect(after[table], table).toBeGreaterThanOrEqual(table === "entry" ? n - 1 : n);
    // Tenant B's words are still exactly what B wrote.
    const b = await w.b.client.caller.query("entries.get", { id: w.b.entryId });
    expect(b.answers.reframe).toMatchObject({ harsh: "b-harsh-words", kinder: "b-kinder-words" });
  });
});

describe("script and HTML payloads in free text", () => {
  it("come back verbatim, as JSON strings, to everyone who may read them", async () => {
    for (const [i, payload] of SCRIPT_PAYLOADS.entries()) {
      const t = w.a.therapist.caller;
      const c = w.a.client.caller;
      // The therapist's words: invitation name, exercise title and steps, assignment note, week note, session note.
      const inv = await t.trpc("invitations.send", "mutation", {
        name: payload,
        email: `xss-${i}@example.com`,
      });
      expect(inv.body.result.data.name).toBe(payload);
      const ex = await t.mutate("exercise.create", {
        definition: {
          ...OWN_DEFINITION,
          title: payload,
          purpose: payload,
          steps: [{ kind: "text", id: "noticed", label: payload, hint: payload, size: "short" }],
        },
      });
      expect(ex.definition).toMatchObject({ title: payload, purpose: payload });
      expect((await t.query("exercise.get", { id: ex.id })).definition.steps[0].label).toBe(
        payload,
      );
      const assignment = await t.mutate("assignments.create", {
        clientId: w.a.client.id,
        exerciseId: ex.id,
        schedule: { kind: "flexible", timesPerWeek: 2 },
        startDate: "2026-01-05",
        note: payload,
      });
      expect(assignment.note).toBe(payload);
      expect(
        (await t.mutate("review.setWeekNote", { clientId: w.a.client.id, note: payload })).note,
      ).toBe(payload);
      await t.mutate("sessionNotes.save", {
        clientId: w.a.client.id,
        sessionDate: `2026-03-0${i + 1}`,
        note: payload,
      });
      const notes = await t.query("sessionNotes.list", { clientId: w.a.client.id });
      expect(containsString(notes, payload)).toBe(true);
      // The client sees the therapist's words exactly.
      const today = await c.query("practice.today");
      expect(today.weekNote).toBe(payload);
      expect(today.assignments.some((a: { note: string }) => a.note === payload)).toBe(true);
      // The client's words: their answers, shown back to them and (shared) to the therapist.
      const draft = await newDraft(w);
      await c.mutate("practice.complete", {
        entryId: draft,
        answers: LOVED_ONE_ANSWERS(payload, payload),
      });
      await c.mutate("entries.setSharing", { id: draft, shared: true });
      expect((await c.query("entries.get", { id: draft })).answers.reframe.harsh).toBe(payload);
      const shared = await t.query("entries.forClient", { clientId: w.a.client.id });
      expect(containsString(shared, payload)).toBe(true);
    }
  });

  it("answers are JSON (never HTML) with nosniff, so a browser never renders a payload", async () => {
    const res = await w.a.client.caller.fetch("/trpc/practice.today");
    const text = await res.text();
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(text).toContain(JSON.stringify(SCRIPT_PAYLOADS[0]).slice(1, -1));
  });

  it("a client's name with a payload is stored exactly, and shown as data", async () => {
    const payload = SCRIPT_PAYLOADS[1]!;
    const res = await w.anonymous.authPost("/sign-up/email", {
      name: payload,
      email: "xss-therapist@example.com",
      password: "a calm river 2026",
    });
    expect(res.status).toBe(200);
    expect((await w.anonymous.query("me.get")).name).toBe(payload);
  });

  it("the web app's index.html is served with the strict CSP", async () => {
    const web = makeWebDist();
    const server = await startTestServer(w.api, web.dir);
    try {
      const res = await fetch(`${server.url}/invite`, {
        headers: { cookie: cookieOf(w.a.client.caller) },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toContain("unsafe-inline");
    } finally {
      await server.close();
      web.remove();
    }
  });
});
