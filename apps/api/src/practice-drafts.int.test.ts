/**
 * Drafts: a client can leave a practice half done and come back to it; finishing checks every
 * required step; a finished entry is never written again; one draft per assignment, however
 * many tabs start it at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  Caller,
  createTestApi,
  inviteAndAccept,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const CLIENT_PASSWORD = "a quiet harbour 2026";
const ratings = (n: number) => ({
  "stuck-motivated": n,
  "powerless-empowered": n,
  "dismissed-validated": n,
});
const PARTIAL = {
  reframe: {
    harsh: "I always mess this up",
    kinder: "",
    harshRatings: { "stuck-motivated": 2 },
    kinderRatings: {},
  },
};
const FULL = {
  reframe: {
    harsh: "I always mess this up",
    kinder: "You are learning, and that takes time",
    harshRatings: ratings(2),
    kinderRatings: ratings(8),
  },
  noticed: "It felt odd to be gentle",
};

let api: TestApi;
let therapist: Actor;
let client: Actor;
let otherClient: Actor;
let lovedOneId: string;

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  therapist = await signUpTherapist(api, "Dora Drafts", "dora@example.com");
  client = await inviteAndAccept(api, therapist, "Dev Client", "dev@example.com", CLIENT_PASSWORD);
  otherClient = await inviteAndAccept(api, therapist, "Ola Client", "ola@example.com");
  const library = await therapist.caller.query("exercise.listLibrary");
  lovedOneId = library.find((e: { slug: string }) => e.slug === "loved-one-test").id;
}, 60_000);
afterAll(async () => api?.drop());

async function assign() {
  const a = await therapist.caller.mutate("assignments.create", {
    clientId: client.id,
    exerciseId: lovedOneId,
    schedule: { kind: "flexible", timesPerWeek: 2 },
    startDate: "2026-01-05",
  });
  return a.id as string;
}

async function entryRow(id: string) {
  return api.db.selectFrom("entry").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** A message a person can read: a capitalised sentence, not a code or a stack trace. */
function expectSentence(message: unknown) {
  expect(typeof message).toBe("string");
  expect(message as string).toMatch(/^[A-Z][^\n]{8,}[.!?]$/);
  expect(message as string).not.toMatch(/Something went wrong|ZodError|undefined|\bat \//);
}

describe("a draft", () => {
  let assignmentId: string;
  let draftId: string;

  beforeAll(async () => {
    assignmentId = await assign();
  });

  it("starts empty, answering the exercise's current version", async () => {
    const draft = await client.caller.mutate("practice.start", { assignmentId });
    expect(draft).toMatchObject({
      assignmentId,
      exerciseId: lovedOneId,
      version: 1,
      status: "draft",
      answers: {},
      shared: false,
      completedAt: null,
    });
    draftId = draft.id;
  });

  it("saves partial answers", async () => {
    const saved = await client.caller.mutate("practice.saveDraft", {
      entryId: draftId,
      answers: PARTIAL,
    });
    expect(saved).toMatchObject({ id: draftId, status: "draft", answers: PARTIAL });
  });

  it("after leaving (a new session), starting the same assignment resumes that draft", async () => {
    const again = new Caller(api);
    const res = await again.signIn(client.email, CLIENT_PASSWORD);
    expect(res.status).toBe(200);
    const resumed = await again.mutate("practice.start", { assignmentId });
    expect(resumed).toMatchObject({ id: draftId, status: "draft", answers: PARTIAL });
    // The same caller starting again resumes it too; still one draft.
    expect((await client.caller.mutate("practice.start", { assignmentId })).id).toBe(draftId);
    const drafts = await api.db
      .selectFrom("entry")
      .select("id")
      .where("assignment_id", "=", assignmentId)
      .execute();
    expect(drafts).toHaveLength(1);
  });

  it("a malformed draft answer is a 400 and changes nothing", async () => {
    const before = await entryRow(draftId);
    const res = await client.caller.trpc("practice.saveDraft", "mutation", {
      entryId: draftId,
      answers: { reframe: { ...PARTIAL.reframe, harshRatings: { "stuck-motivated": 11 } } },
    });
    expect(res.status).toBe(400);
    expect(await entryRow(draftId)).toEqual(before);
  });

  it("completing with a required step missing is a 400 with a sentence, and changes nothing", async () => {
    const before = await entryRow(draftId);
    const missing = await client.caller.trpc("practice.complete", "mutation", {
      entryId: draftId,
      answers: { noticed: "only the optional step" },
    });
    expect(missing.status).toBe(400);
    expectSentence(missing.body.error.message);

    // The kinder words still empty: also not finished.
    const empty = await client.caller.trpc("practice.complete", "mutation", {
      entryId: draftId,
      answers: { reframe: { ...FULL.reframe, kinder: "   " } },
    });
    expect(empty.status).toBe(400);
    expectSentence(empty.body.error.message);

    // A rating missing from the finished reframe.
    const noRating = await client.caller.trpc("practice.complete", "mutation", {
      entryId: draftId,
      answers: { reframe: { ...FULL.reframe, kinderRatings: { "stuck-motivated": 8 } } },
    });
    expect(noRating.status).toBe(400);

    expect(await entryRow(draftId)).toEqual(before);
    const own = await client.caller.query("entries.get", { id: draftId });
    expect(own).toMatchObject({ status: "draft", answers: PARTIAL, completedAt: null });
  });

  it("completes with every required step", async () => {
    const done = await client.caller.mutate("practice.complete", {
      entryId: draftId,
      answers: FULL,
    });
    expect(done).toMatchObject({ id: draftId, status: "complete", answers: FULL, shared: false });
    expect(done.completedAt).toEqual(expect.any(String));
    const row = await entryRow(draftId);
    expect(row.status).toBe("complete");
    expect(row.completed_at).toBeInstanceOf(Date);
  });

  it("a finished entry cannot be saved or completed again (409), and stays as it was", async () => {
    const before = await entryRow(draftId);
    const save = await client.caller.trpc("practice.saveDraft", "mutation", {
      entryId: draftId,
      answers: PARTIAL,
    });
    expect(save.status).toBe(409);
    expectSentence(save.body.error.message);
    const complete = await client.caller.trpc("practice.complete", "mutation", {
      entryId: draftId,
      answers: FULL,
    });
    expect(complete.status).toBe(409);
    expect(await entryRow(draftId)).toEqual(before);
  });

  it("starting the assignment again after finishing opens a fresh draft", async () => {
    const next = await client.caller.mutate("practice.start", { assignmentId });
    expect(next.id).not.toBe(draftId);
    expect(next).toMatchObject({ status: "draft", answers: {} });
  });

  it("another client cannot see, save or finish it", async () => {
    const draft = await client.caller.mutate("practice.start", { assignmentId });
    const before = await entryRow(draft.id);
    for (const [path, type, input] of [
      ["entries.get", "query", { id: draft.id }],
      ["practice.saveDraft", "mutation", { entryId: draft.id, answers: PARTIAL }],
      ["practice.complete", "mutation", { entryId: draft.id, answers: FULL }],
      ["practice.start", "mutation", { assignmentId }],
    ] as const) {
      const res = await otherClient.caller.trpc(path, type, input);
      expect(res.status, path).toBe(404);
    }
    expect(await entryRow(draft.id)).toEqual(before);
  });

  it("an unknown entry is a 404; a malformed id is a 400", async () => {
    const unknown = await client.caller.trpc("practice.saveDraft", "mutation", {
      entryId: "00000000-0000-4000-8000-000000000000",
      answers: {},
    });
    expect(unknown.status).toBe(404);
    const bad = await client.caller.trpc("practice.saveDraft", "mutation", {
      entryId: "not-an-id",
      answers: {},
    });
    expect(bad.status).toBe(400);
  });
});

describe("concurrent starts", () => {
  it("for one assignment yield one draft", async () => {
    const assignmentId = await assign();
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        client.caller.trpc("practice.start", "mutation", { assignmentId }),
      ),
    );
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
    const ids = new Set(results.map((r) => r.body.result.data.id));
    expect(ids.size).toBe(1);
    const rows = await api.db
      .selectFrom("entry")
      .select(["id", "status"])
      .where("assignment_id", "=", assignmentId)
      .execute();
    expect(rows).toEqual([{ id: [...ids][0], status: "draft" }]);
  });

  it("without an assignment, starting again resumes the unfinished draft of that exercise", async () => {
    const a = await client.caller.mutate("practice.start", { exerciseId: lovedOneId });
    await client.caller.mutate("practice.saveDraft", {
      entryId: a.id,
      answers: { noticed: "so far" },
    });
    const b = await client.caller.mutate("practice.start", { exerciseId: lovedOneId });
    expect(b.id).toBe(a.id);
    expect(b.assignmentId).toBeNull();
    expect(b.answers).toEqual({ noticed: "so far" });
    const today = await client.caller.query("practice.today");
    expect(today.drafts.map((d: { entryId: string }) => d.entryId)).toContain(a.id);
  });
});
