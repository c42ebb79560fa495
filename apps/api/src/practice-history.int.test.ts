/**
 * The client's history: newest first, deletable for good (gone from the therapist's views too),
 * and sharing and "bring to session" flags that switch on and off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  createTestApi,
  inviteAndAccept,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const ratings = (n: number) => ({
  "stuck-motivated": n,
  "powerless-empowered": n,
  "dismissed-validated": n,
});
const LOVED_ONE = (harsh: string) => ({
  reframe: { harsh, kinder: "kinder words", harshRatings: ratings(2), kinderRatings: ratings(8) },
});

let api: TestApi;
let therapist: Actor;
let client: Actor;
let otherClient: Actor;
let lovedOneId: string;
let soothingId: string;
let speakingId: string;
let assignmentId: string;
/** Completed first, private. */
let first: string;
/** Completed second. */
let second: string;
/** A draft, touched last. */
let draft: string;

const pause = () => new Promise((r) => setTimeout(r, 15));

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  therapist = await signUpTherapist(api, "Hana History", "hana@example.com");
  client = await inviteAndAccept(api, therapist, "Io Client", "io@example.com");
  otherClient = await inviteAndAccept(api, therapist, "Jo Client", "jo@example.com");
  const library = await therapist.caller.query("exercise.listLibrary");
  lovedOneId = library.find((e: { slug: string }) => e.slug === "loved-one-test").id;
  soothingId = library.find((e: { slug: string }) => e.slug === "soothing-touch").id;
  speakingId = library.find((e: { slug: string }) => e.slug === "speaking-by-name").id;
  assignmentId = (
    await therapist.caller.mutate("assignments.create", {
      clientId: client.id,
      exerciseId: lovedOneId,
      schedule: { kind: "flexible", timesPerWeek: 2 },
      startDate: "2026-01-05",
    })
  ).id;

  // The draft is started first, but saved last: it is the most recently touched. (Another
  // exercise than the finished ones: starting the same exercise again resumes its draft.)
  draft = (await client.caller.mutate("practice.start", { exerciseId: speakingId })).id;
  await pause();
  first = (await client.caller.mutate("practice.start", { assignmentId })).id;
  await client.caller.mutate("practice.complete", {
    entryId: first,
    answers: LOVED_ONE("first words"),
  });
  await pause();
  second = (await client.caller.mutate("practice.start", { exerciseId: soothingId })).id;
  await client.caller.mutate("practice.complete", {
    entryId: second,
    answers: { "intensity-before": 7, "intensity-after": 3, words: "second words" },
  });
  await pause();
  await client.caller.mutate("practice.saveDraft", {
    entryId: draft,
    answers: { thought: "later" },
  });

  // Someone else's history, which must never show up here.
  const theirs = await otherClient.caller.mutate("practice.start", { exerciseId: soothingId });
  await otherClient.caller.mutate("practice.complete", { entryId: theirs.id, answers: {} });
}, 60_000);
afterAll(async () => api?.drop());

const mineIds = async (who: Actor = client) =>
  (await who.caller.query("entries.mine")).map((e: { id: string }) => e.id);
const therapistView = () => therapist.caller.query("entries.forClient", { clientId: client.id });

describe("entries.mine", () => {
  it("lists the client's own entries, newest first, drafts included", async () => {
    expect(await mineIds()).toEqual([draft, second, first]);
    const mine = await client.caller.query("entries.mine");
    expect(mine.map((e: { status: string }) => e.status)).toEqual([
      "draft",
      "complete",
      "complete",
    ]);
    expect(mine[1]).toMatchObject({
      id: second,
      definition: { title: "Soothing touch" },
      answers: { "intensity-before": 7, "intensity-after": 3, words: "second words" },
      shared: false,
      flaggedForSession: false,
    });
    expect(mine[2]).toMatchObject({ id: first, assignmentId, answers: LOVED_ONE("first words") });
  });

  it("a newer practice goes to the top", async () => {
    const newest = (await client.caller.mutate("practice.start", { exerciseId: soothingId })).id;
    await client.caller.mutate("practice.complete", { entryId: newest, answers: {} });
    expect(await mineIds()).toEqual([newest, draft, second, first]);
    await client.caller.mutate("entries.delete", { id: newest });
    expect(await mineIds()).toEqual([draft, second, first]);
  });
});

describe("sharing and flagging", () => {
  it("sharing switches on and off, and the therapist's view follows", async () => {
    expect(await client.caller.mutate("entries.setSharing", { id: second, shared: true })).toEqual({
      shared: true,
    });
    expect((await client.caller.query("entries.get", { id: second })).shared).toBe(true);
    const shared = await therapistView();
    expect(shared.shared.map((e: { id: string }) => e.id)).toEqual([second]);
    expect(shared.shared[0].sharedAt).toEqual(expect.any(String));
    expect(shared.privatePractice).toHaveLength(1);

    expect(await client.caller.mutate("entries.setSharing", { id: second, shared: false })).toEqual(
      { shared: false },
    );
    expect((await client.caller.query("entries.get", { id: second })).shared).toBe(false);
    const unshared = await therapistView();
    expect(unshared.shared).toEqual([]);
    expect(unshared.privatePractice).toHaveLength(2);

    // Sharing twice is the same as once.
    await client.caller.mutate("entries.setSharing", { id: second, shared: true });
    await client.caller.mutate("entries.setSharing", { id: second, shared: true });
    expect((await therapistView()).shared).toHaveLength(1);
  });

  it("the session flag switches on and off, and a shared entry shows it", async () => {
    expect(await client.caller.mutate("entries.setFlag", { id: second, flagged: true })).toEqual({
      flagged: true,
    });
    expect((await client.caller.query("entries.get", { id: second })).flaggedForSession).toBe(true);
    expect((await therapistView()).shared[0]).toMatchObject({
      id: second,
      flaggedForSession: true,
    });

    await client.caller.mutate("entries.setFlag", { id: second, flagged: false });
    expect((await client.caller.query("entries.get", { id: second })).flaggedForSession).toBe(
      false,
    );
    expect((await therapistView()).shared[0]).toMatchObject({
      id: second,
      flaggedForSession: false,
    });

    // Flagging a private entry says nothing to the therapist beyond the log line.
    await client.caller.mutate("entries.setFlag", { id: first, flagged: true });
    expect((await client.caller.query("entries.get", { id: first })).flaggedForSession).toBe(true);
    const view = await therapistView();
    expect(JSON.stringify(view)).not.toContain("first words");
    expect(view.privatePractice).toEqual([
      { completedAt: expect.any(String), exerciseTitle: "The loved-one test" },
    ]);
  });

  it("an unfinished draft cannot be shared", async () => {
    const res = await client.caller.trpc("entries.setSharing", "mutation", {
      id: draft,
      shared: true,
    });
    expect(res.status).toBe(404);
    expect((await client.caller.query("entries.get", { id: draft })).shared).toBe(false);
  });

  it("another client cannot share, flag, read or delete these entries", async () => {
    for (const [path, type, input] of [
      ["entries.setSharing", "mutation", { id: first, shared: true }],
      ["entries.setFlag", "mutation", { id: first, flagged: false }],
      ["entries.get", "query", { id: first }],
      ["entries.delete", "mutation", { id: first }],
    ] as const) {
      expect((await otherClient.caller.trpc(path, type, input)).status, path).toBe(404);
    }
    expect(await client.caller.query("entries.get", { id: first })).toMatchObject({
      shared: false,
      flaggedForSession: true,
    });
  });
});

describe("deleting", () => {
  it("removes a shared entry from the client's history and from the therapist's view", async () => {
    expect((await therapistView()).shared.map((e: { id: string }) => e.id)).toEqual([second]);
    expect(await client.caller.mutate("entries.delete", { id: second })).toEqual({ ok: true });
    expect(await mineIds()).toEqual([draft, first]);
    expect((await client.caller.trpc("entries.get", "query", { id: second })).status).toBe(404);
    expect((await therapistView()).shared).toEqual([]);
    const row = await api.db.selectFrom("entry").select("id").where("id", "=", second).execute();
    expect(row).toEqual([]);
  });

  it("removes a private entry from the therapist's practice log; the assignment stays", async () => {
    expect((await therapistView()).privatePractice).toHaveLength(1);
    await client.caller.mutate("entries.delete", { id: first });
    expect((await therapistView()).privatePractice).toEqual([]);
    expect(await mineIds()).toEqual([draft]);
    const [a] = await therapist.caller.query("assignments.listForClient", { clientId: client.id });
    expect(a).toMatchObject({ id: assignmentId, status: "active" });
  });

  it("deleting twice is a 404; a draft can be deleted too", async () => {
    expect((await client.caller.trpc("entries.delete", "mutation", { id: first })).status).toBe(
      404,
    );
    await client.caller.mutate("entries.delete", { id: draft });
    expect(await mineIds()).toEqual([]);
  });

  it("the other client's history is untouched", async () => {
    expect(await mineIds(otherClient)).toHaveLength(1);
  });
});
