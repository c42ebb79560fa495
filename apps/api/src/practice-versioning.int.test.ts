/**
 * Exercise versions: editing an exercise makes a new version; an entry keeps the version it
 * answered (its definition, its answers, its validation); new practice uses the new version.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  createTestApi,
  inviteAndAccept,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const V1 = {
  title: "Evening kindness (first draft)",
  purpose: "Notice one hard moment and how you spoke to yourself.",
  minutes: 5,
  steps: [
    { kind: "prompt", id: "intro", title: "Settle in", body: "Take one slow breath." },
    { kind: "text", id: "moment", label: "A hard moment today", size: "short" },
    { kind: "text", id: "said", label: "What you said to yourself then", size: "long" },
    { kind: "intensity", id: "sting", label: "How much did it sting?" },
  ],
};
/** Version 2: the "said" step is gone, titles and labels changed. */
const V2 = {
  ...V1,
  title: "Evening kindness",
  steps: [
    { kind: "prompt", id: "intro", title: "Arrive", body: "Take one slow breath." },
    { kind: "text", id: "moment", label: "One hard moment from today", size: "short" },
    { kind: "intensity", id: "sting", label: "How strong was it?" },
  ],
};
const V1_ANSWERS = { moment: "the meeting", said: "I am hopeless at this", sting: 6 };

let api: TestApi;
let therapist: Actor;
let otherTherapist: Actor;
let client: Actor;
let exerciseId: string;
let assignmentId: string;
/** Completed with version 1 before the edit. */
let oldEntryId: string;
/** A version-1 draft left unfinished across the edit. */
let openDraftId: string;

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  therapist = await signUpTherapist(api, "Vera Version", "vera@example.com");
  otherTherapist = await signUpTherapist(api, "Oscar Other", "oscar@example.com");
  client = await inviteAndAccept(api, therapist, "Cam Client", "cam@example.com");

  const created = await therapist.caller.mutate("exercise.create", { definition: V1 });
  expect(created).toMatchObject({ version: 1, builtIn: false, slug: null });
  exerciseId = created.id;
  const a = await therapist.caller.mutate("assignments.create", {
    clientId: client.id,
    exerciseId,
    schedule: { kind: "flexible", timesPerWeek: 3 },
    startDate: "2026-01-05",
  });
  assignmentId = a.id;

  const first = await client.caller.mutate("practice.start", { assignmentId });
  expect(first.version).toBe(1);
  oldEntryId = first.id;
  await client.caller.mutate("practice.complete", { entryId: oldEntryId, answers: V1_ANSWERS });

  const second = await client.caller.mutate("practice.start", { assignmentId });
  expect(second.id).not.toBe(oldEntryId);
  expect(second.version).toBe(1);
  openDraftId = second.id;
  await client.caller.mutate("practice.saveDraft", {
    entryId: openDraftId,
    answers: { moment: "half written" },
  });

  const updated = await therapist.caller.mutate("exercise.update", {
    id: exerciseId,
    definition: V2,
  });
  expect(updated).toMatchObject({ id: exerciseId, version: 2, definition: { title: V2.title } });
}, 60_000);
afterAll(async () => api?.drop());

async function versionRows() {
  return api.db
    .selectFrom("exercise_version")
    .select(["id", "version"])
    .where("exercise_id", "=", exerciseId)
    .orderBy("version")
    .execute();
}

describe("after the therapist edits the exercise", () => {
  it("both versions are kept; the exercise's current version is 2", async () => {
    expect((await versionRows()).map((r) => r.version)).toEqual([1, 2]);
    const current = await therapist.caller.query("exercise.get", { id: exerciseId });
    expect(current.version).toBe(2);
    expect(current.definition.steps.map((s: { id: string }) => s.id)).toEqual([
      "intro",
      "moment",
      "sting",
    ]);
  });

  it("the old entry reads back with its old definition and its answers", async () => {
    const entry = await client.caller.query("entries.get", { id: oldEntryId });
    expect(entry.version).toBe(1);
    expect(entry.status).toBe("complete");
    expect(entry.definition.title).toBe(V1.title);
    expect(entry.definition.steps.map((s: { id: string }) => s.id)).toEqual([
      "intro",
      "moment",
      "said",
      "sting",
    ]);
    expect(entry.definition.steps[1].label).toBe("A hard moment today");
    expect(entry.answers).toEqual(V1_ANSWERS);

    const row = await api.db
      .selectFrom("entry")
      .select("exercise_version_id")
      .where("id", "=", oldEntryId)
      .executeTakeFirstOrThrow();
    expect(row.exercise_version_id).toBe((await versionRows())[0]!.id);

    const mine = await client.caller.query("entries.mine");
    const listed = mine.find((e: { id: string }) => e.id === oldEntryId);
    expect(listed).toMatchObject({
      version: 1,
      definition: { title: V1.title },
      answers: V1_ANSWERS,
    });
  });

  it("shared, the therapist sees it with its old definition too", async () => {
    await client.caller.mutate("entries.setSharing", { id: oldEntryId, shared: true });
    const view = await therapist.caller.query("entries.forClient", { clientId: client.id });
    const shared = view.shared.find((e: { id: string }) => e.id === oldEntryId);
    expect(shared.definition.title).toBe(V1.title);
    expect(shared.definition.steps.map((s: { id: string }) => s.id)).toContain("said");
    expect(shared.answers).toEqual(V1_ANSWERS);
  });

  it("the assignment now shows the current title", async () => {
    const [a] = await therapist.caller.query("assignments.listForClient", { clientId: client.id });
    expect(a.exerciseTitle).toBe(V2.title);
  });

  it("an unfinished version-1 draft resumes as version 1 and is validated against it", async () => {
    const resumed = await client.caller.mutate("practice.start", { assignmentId });
    expect(resumed.id).toBe(openDraftId);
    expect(resumed.version).toBe(1);
    expect(resumed.definition.title).toBe(V1.title);
    expect(resumed.answers).toEqual({ moment: "half written" });

    // "said" exists in version 1: a draft may hold it.
    const saved = await client.caller.trpc("practice.saveDraft", "mutation", {
      entryId: openDraftId,
      answers: { moment: "the bus", said: "typical me" },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    // ...and version 1 requires it to finish.
    const missing = await client.caller.trpc("practice.complete", "mutation", {
      entryId: openDraftId,
      answers: { moment: "the bus", sting: 3 },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/said/);

    const done = await client.caller.trpc("practice.complete", "mutation", {
      entryId: openDraftId,
      answers: { moment: "the bus", said: "typical me", sting: 3 },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.result.data).toMatchObject({ version: 1, status: "complete" });
  });

  it("a new practice uses version 2, and version 2's rules", async () => {
    const fresh = await client.caller.mutate("practice.start", { assignmentId });
    expect(fresh.id).not.toBe(openDraftId);
    expect(fresh.version).toBe(2);
    expect(fresh.definition.title).toBe(V2.title);
    expect(fresh.definition.steps.map((s: { id: string }) => s.id)).not.toContain("said");

    // "said" no longer exists: not even a draft may hold it.
    const stale = await client.caller.trpc("practice.saveDraft", "mutation", {
      entryId: fresh.id,
      answers: { moment: "x", said: "y" },
    });
    expect(stale.status).toBe(400);
    const afterStale = await client.caller.query("entries.get", { id: fresh.id });
    expect(afterStale.answers).toEqual({});

    // ...and it is not required to finish.
    const done = await client.caller.trpc("practice.complete", "mutation", {
      entryId: fresh.id,
      answers: { moment: "the queue", sting: 2 },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.result.data).toMatchObject({
      version: 2,
      answers: { moment: "the queue", sting: 2 },
    });
  });

  it("practising the exercise directly (no assignment) also uses version 2", async () => {
    const direct = await client.caller.mutate("practice.start", { exerciseId });
    expect(direct).toMatchObject({ version: 2, assignmentId: null, status: "draft" });
  });

  it("the old entry is still exactly as it was", async () => {
    const entry = await client.caller.query("entries.get", { id: oldEntryId });
    expect(entry).toMatchObject({
      version: 1,
      definition: { title: V1.title },
      answers: V1_ANSWERS,
    });
  });

  it("nobody else can make a new version, and a built-in exercise cannot be edited", async () => {
    const theirs = await otherTherapist.caller.trpc("exercise.update", "mutation", {
      id: exerciseId,
      definition: { ...V2, title: "Hijacked" },
    });
    expect(theirs.status).toBe(404);
    const library = await therapist.caller.query("exercise.listLibrary");
    const builtIn = library.find((e: { builtIn: boolean }) => e.builtIn);
    const edit = await therapist.caller.trpc("exercise.update", "mutation", {
      id: builtIn.id,
      definition: { ...V2, title: "Mine now" },
    });
    expect(edit.status).toBe(404);
    expect((await versionRows()).map((r) => r.version)).toEqual([1, 2]);
    const again = await therapist.caller.query("exercise.get", { id: builtIn.id });
    expect(again.definition.title).toBe(builtIn.definition.title);
  });

  it("a third edit is version 3; old entries keep theirs", async () => {
    const v3 = await therapist.caller.mutate("exercise.update", {
      id: exerciseId,
      definition: { ...V2, title: "Evening kindness, again" },
    });
    expect(v3.version).toBe(3);
    const mine = await client.caller.query("entries.mine");
    const versions = Object.fromEntries(
      mine.map((e: { id: string; version: number }) => [e.id, e.version]),
    );
    expect(versions[oldEntryId]).toBe(1);
    expect(versions[openDraftId]).toBe(1);
  });
});
