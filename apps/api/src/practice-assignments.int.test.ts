/**
 * Assignments: schedules, dates, pause/resume/end, tenancy; and what the client's Today shows
 * for them, in the client's own time zone (expected values worked out by hand).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type Actor,
  createTestApi,
  inviteAndAccept,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

let api: TestApi;
let therapist: Actor;
let otherTherapist: Actor;
let client: Actor;
let otherClient: Actor;
let lovedOneId: string;
let soothingId: string;
let ownExerciseId: string;

const OWN = {
  title: "Three good breaths",
  purpose: "A tiny pause.",
  minutes: 2,
  steps: [{ kind: "text", id: "noticed", label: "What did you notice?", size: "short" }],
};

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  therapist = await signUpTherapist(api, "Ari Assign", "ari@example.com");
  otherTherapist = await signUpTherapist(api, "Bea Other", "bea@example.com");
  client = await inviteAndAccept(api, therapist, "Cass Client", "cass@example.com");
  otherClient = await inviteAndAccept(api, otherTherapist, "Dee Client", "dee@example.com");
  const library = await therapist.caller.query("exercise.listLibrary");
  lovedOneId = library.find((e: { slug: string }) => e.slug === "loved-one-test").id;
  soothingId = library.find((e: { slug: string }) => e.slug === "soothing-touch").id;
  ownExerciseId = (await therapist.caller.mutate("exercise.create", { definition: OWN })).id;
}, 60_000);
afterAll(async () => api?.drop());

async function countAssignments() {
  const r = await api.db
    .selectFrom("assignment")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function assignmentRow(id: string) {
  return api.db.selectFrom("assignment").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

function create(input: Record<string, unknown>, by: Actor = therapist) {
  return by.caller.trpc("assignments.create", "mutation", {
    clientId: client.id,
    exerciseId: lovedOneId,
    startDate: "2026-01-05",
    schedule: { kind: "flexible", timesPerWeek: 2 },
    ...input,
  });
}

describe("creating", () => {
  it("a days/times schedule: days and times come back de-duplicated and sorted", async () => {
    const res = await create({
      schedule: { kind: "days", days: [5, 1, 3, 1], times: ["19:00", "07:30", "19:00"] },
      startDate: "2026-02-02",
      endDate: "2026-06-30",
      note: "  Whenever it suits you.  ",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const a = res.body.result.data;
    expect(a).toMatchObject({
      clientId: client.id,
      exerciseId: lovedOneId,
      exerciseTitle: "The loved-one test",
      exerciseMinutes: 10,
      schedule: { kind: "days", days: [1, 3, 5], times: ["07:30", "19:00"] },
      startDate: "2026-02-02",
      endDate: "2026-06-30",
      note: "Whenever it suits you.",
      remindersEnabled: true,
      status: "active",
    });
    const row = await assignmentRow(a.id);
    expect(row.schedule).toEqual({ kind: "days", days: [1, 3, 5], times: ["07:30", "19:00"] });
    expect(row.therapist_id).toBe(therapist.id);
  });

  it("a flexible schedule, with the therapist's own exercise", async () => {
    const res = await create({
      exerciseId: ownExerciseId,
      schedule: { kind: "flexible", timesPerWeek: 4 },
      remindersEnabled: false,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.result.data).toMatchObject({
      exerciseTitle: OWN.title,
      schedule: { kind: "flexible", timesPerWeek: 4 },
      endDate: null,
      note: "",
      remindersEnabled: false,
    });
  });

  it("an end date on the start date is fine; before it is a 400 and nothing is written", async () => {
    expect((await create({ startDate: "2026-03-10", endDate: "2026-03-10" })).status).toBe(200);
    const before = await countAssignments();
    const res = await create({ startDate: "2026-03-10", endDate: "2026-03-09" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^[A-Z].*end date.*\.$/);
    expect(await countAssignments()).toBe(before);
  });

  it.each([
    ["day 0", { schedule: { kind: "days", days: [0], times: ["08:00"] } }],
    ["day 8", { schedule: { kind: "days", days: [8], times: ["08:00"] } }],
    ["time 24:00", { schedule: { kind: "days", days: [1], times: ["24:00"] } }],
    ["time 8:00", { schedule: { kind: "days", days: [1], times: ["8:00"] } }],
    ["0 times a week", { schedule: { kind: "flexible", timesPerWeek: 0 } }],
    ["15 times a week", { schedule: { kind: "flexible", timesPerWeek: 15 } }],
    ["2026-02-30", { startDate: "2026-02-30" }],
    ["a note over 1,000 characters", { note: "x".repeat(1001) }],
  ])("%s is a 400 and nothing is written", async (_, input) => {
    const before = await countAssignments();
    const res = await create(input);
    expect(res.status).toBe(400);
    expect(res.body.error.data.issues.length).toBeGreaterThan(0);
    expect(await countAssignments()).toBe(before);
  });

  it("an archived exercise cannot be assigned", async () => {
    const archived = await therapist.caller.mutate("exercise.create", { definition: OWN });
    await therapist.caller.mutate("exercise.archive", { id: archived.id });
    const before = await countAssignments();
    expect((await create({ exerciseId: archived.id })).status).toBe(404);
    expect(await countAssignments()).toBe(before);
  });
});

describe("tenancy", () => {
  it("a therapist cannot assign to another therapist's client (NOT_FOUND, nothing written)", async () => {
    const before = await countAssignments();
    const res = await create({ clientId: client.id }, otherTherapist);
    expect(res.status).toBe(404);
    expect(res.body.error.data.code).toBe("NOT_FOUND");
    expect(await countAssignments()).toBe(before);
  });

  it("a therapist cannot use another therapist's own exercise, even for their own client", async () => {
    const before = await countAssignments();
    const res = await create(
      { clientId: otherClient.id, exerciseId: ownExerciseId },
      otherTherapist,
    );
    expect(res.status).toBe(404);
    expect(res.body.error.data.code).toBe("NOT_FOUND");
    expect(await countAssignments()).toBe(before);
    // The same input with a built-in exercise works: the refusal was about the exercise.
    const ok = await create({ clientId: otherClient.id, exerciseId: lovedOneId }, otherTherapist);
    expect(ok.status).toBe(200);
  });

  it("a therapist cannot read, edit, pause or end another therapist's assignment", async () => {
    const a = (await create({})).body.result.data;
    const before = await assignmentRow(a.id);
    for (const [path, type, input] of [
      ["assignments.listForClient", "query", { clientId: client.id }],
      ["assignments.update", "mutation", { id: a.id, note: "mine now" }],
      ["assignments.setStatus", "mutation", { id: a.id, action: "pause" }],
      ["assignments.setStatus", "mutation", { id: a.id, action: "end" }],
    ] as const) {
      const res = await otherTherapist.caller.trpc(path, type, input);
      expect(res.status, path).toBe(404);
    }
    expect(await assignmentRow(a.id)).toEqual(before);
  });
});

describe("pause, resume, end", () => {
  it("round-trips, and an ended assignment cannot come back", async () => {
    const { id } = (await create({})).body.result.data;
    const set = (action: string) =>
      therapist.caller.trpc("assignments.setStatus", "mutation", { id, action });

    expect((await set("pause")).body.result.data.status).toBe("paused");
    expect((await assignmentRow(id)).status).toBe("paused");
    expect((await set("resume")).body.result.data.status).toBe("active");
    expect((await set("end")).body.result.data.status).toBe("ended");

    for (const action of ["resume", "pause"]) {
      const res = await set(action);
      expect(res.status, action).toBe(409);
      expect(res.body.error.message).toMatch(/^[A-Z].*\.$/);
    }
    expect((await assignmentRow(id)).status).toBe("ended");
    // Ending again is harmless.
    expect((await set("end")).status).toBe(200);

    // The client can no longer start it.
    const start = await client.caller.trpc("practice.start", "mutation", { assignmentId: id });
    expect(start.status).toBe(409);
  });

  it("a paused assignment can still be practised when the client wants to", async () => {
    const { id } = (await create({})).body.result.data;
    await therapist.caller.mutate("assignments.setStatus", { id, action: "pause" });
    const start = await client.caller.trpc("practice.start", "mutation", { assignmentId: id });
    expect(start.status).toBe(200);
  });

  it("updating the end date to before the start date is a 400 and changes nothing", async () => {
    const { id } = (await create({ startDate: "2026-04-01" })).body.result.data;
    const before = await assignmentRow(id);
    const res = await therapist.caller.trpc("assignments.update", "mutation", {
      id,
      endDate: "2026-03-31",
    });
    expect(res.status).toBe(400);
    const moved = await therapist.caller.trpc("assignments.update", "mutation", {
      id,
      startDate: "2026-04-01",
      endDate: "2026-03-01",
    });
    expect(moved.status).toBe(400);
    expect(await assignmentRow(id)).toEqual(before);

    const ok = await therapist.caller.mutate("assignments.update", {
      id,
      endDate: "2026-04-30",
      schedule: { kind: "days", days: [2], times: ["21:00"] },
    });
    expect(ok).toMatchObject({
      startDate: "2026-04-01",
      endDate: "2026-04-30",
      schedule: { kind: "days", days: [2], times: ["21:00"] },
    });
  });
});

describe("practice.today, in the client's time zone", () => {
  const NOW = new Date("2026-03-15T12:00:00Z");
  const ids: Record<string, string> = {};

  async function assignFor(key: string, input: Record<string, unknown>, status?: "pause" | "end") {
    const res = await therapist.caller.trpc("assignments.create", "mutation", {
      clientId: today.id,
      exerciseId: lovedOneId,
      startDate: "2026-03-01",
      ...input,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids[key] = res.body.result.data.id;
    if (status)
      await therapist.caller.mutate("assignments.setStatus", { id: ids[key], action: status });
  }
  let today: Actor;

  beforeAll(async () => {
    // A client of their own, so the assignments above don't mix in.
    today = await inviteAndAccept(api, therapist, "Tui Today", "tui@example.com");
    await today.caller.mutate("me.updateClientSettings", { timeZone: "Pacific/Auckland" });
    await assignFor("mwf", {
      schedule: { kind: "days", days: [5, 3, 1], times: ["19:00", "07:00"] },
    });
    await assignFor(
      "paused",
      { schedule: { kind: "days", days: [1, 2, 3, 4, 5, 6, 7], times: ["12:00"] } },
      "pause",
    );
    await assignFor(
      "ended",
      { schedule: { kind: "days", days: [1, 2, 3, 4, 5, 6, 7], times: ["12:00"] } },
      "end",
    );
    await assignFor("flex", {
      exerciseId: soothingId,
      schedule: { kind: "flexible", timesPerWeek: 3 },
    });
    await assignFor("later", {
      schedule: { kind: "days", days: [1, 2, 3, 4, 5, 6, 7], times: ["09:00"] },
      startDate: "2026-03-23",
    });
    await assignFor("over", {
      schedule: { kind: "days", days: [1, 2, 3, 4, 5, 6, 7], times: ["09:00"] },
      startDate: "2026-01-01",
      endDate: "2026-03-15",
    });
  }, 60_000);

  afterEach(() => {
    vi.useRealTimers();
  });

  /** practice.today as if it were NOW (the API runs in this process). */
  async function todayAt(now: Date) {
    vi.useFakeTimers({ toFake: ["Date"], now });
    try {
      return await today.caller.query("practice.today");
    } finally {
      vi.useRealTimers();
    }
  }
  const slot = (key: string, localDate: string, localTime: string, done = false) => ({
    assignmentId: ids[key],
    localDate,
    localTime,
    done,
  });
  const slots = (items: Array<Record<string, unknown>>) =>
    items.map(({ assignmentId, localDate, localTime, done }) => ({
      assignmentId,
      localDate,
      localTime,
      done,
    }));

  it("Auckland: Sunday noon UTC is Monday 01:00 there, and the week is Auckland's", async () => {
    const t = await todayAt(NOW);
    expect(t).toMatchObject({
      timeZone: "Pacific/Auckland",
      today: "2026-03-16",
      weekStart: "2026-03-16",
      weekEnd: "2026-03-22",
      practisedThisWeek: 0,
    });
    // Paused, not-yet-started and already-over assignments plan nothing; ended ones are not listed.
    expect(slots(t.todayItems)).toEqual([
      slot("mwf", "2026-03-16", "07:00"),
      slot("mwf", "2026-03-16", "19:00"),
    ]);
    expect(slots(t.laterThisWeek)).toEqual([
      slot("mwf", "2026-03-18", "07:00"),
      slot("mwf", "2026-03-18", "19:00"),
      slot("mwf", "2026-03-20", "07:00"),
      slot("mwf", "2026-03-20", "19:00"),
    ]);
    expect(t.todayItems[0]).toMatchObject({ title: "The loved-one test", minutes: 10 });
    expect(t.flexible).toEqual([
      {
        assignmentId: ids.flex,
        title: "Soothing touch",
        minutes: 5,
        timesPerWeek: 3,
        doneThisWeek: 0,
      },
    ]);
    const listed = Object.fromEntries(
      t.assignments.map((a: { id: string; status: string }) => [a.id, a.status]),
    );
    expect(listed).toEqual({
      [ids.mwf!]: "active",
      [ids.paused!]: "paused",
      [ids.flex!]: "active",
      [ids.later!]: "active",
      [ids.over!]: "active",
    });
  });

  it("practice done today marks today's items; flexible practice counts for the week", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    try {
      for (const key of ["mwf", "flex"]) {
        const draft = await today.caller.mutate("practice.start", { assignmentId: ids[key] });
        const answers =
          key === "mwf"
            ? {
                reframe: {
                  harsh: "a",
                  kinder: "b",
                  harshRatings: {
                    "stuck-motivated": 1,
                    "powerless-empowered": 1,
                    "dismissed-validated": 1,
                  },
                  kinderRatings: {
                    "stuck-motivated": 9,
                    "powerless-empowered": 9,
                    "dismissed-validated": 9,
                  },
                },
              }
            : { stay: { elapsedSeconds: 120 } };
        const done = await today.caller.mutate("practice.complete", { entryId: draft.id, answers });
        expect(new Date(done.completedAt).toISOString()).toBe(NOW.toISOString());
      }
    } finally {
      vi.useRealTimers();
    }
    const t = await todayAt(new Date("2026-03-15T20:00:00Z")); // Monday 09:00 in Auckland
    expect(slots(t.todayItems)).toEqual([
      slot("mwf", "2026-03-16", "07:00", true),
      slot("mwf", "2026-03-16", "19:00", true),
    ]);
    expect(slots(t.laterThisWeek).every((i) => !i.done)).toBe(true);
    expect(t.flexible[0]).toMatchObject({ assignmentId: ids.flex, doneThisWeek: 1 });
    expect(t.practisedThisWeek).toBe(2);
  });

  it("resuming a paused assignment plans it again", async () => {
    await therapist.caller.mutate("assignments.setStatus", { id: ids.paused, action: "resume" });
    try {
      const t = await todayAt(NOW);
      expect(slots(t.todayItems)).toEqual([
        slot("mwf", "2026-03-16", "07:00", true),
        slot("paused", "2026-03-16", "12:00"),
        slot("mwf", "2026-03-16", "19:00", true),
      ]);
      expect(t.laterThisWeek).toHaveLength(4 + 6);
    } finally {
      await therapist.caller.mutate("assignments.setStatus", { id: ids.paused, action: "pause" });
    }
  });

  it("the same instant in Los Angeles is still Sunday, in the week before", async () => {
    await today.caller.mutate("me.updateClientSettings", { timeZone: "America/Los_Angeles" });
    try {
      // 2026-03-15T12:00Z is Sunday 05:00 PDT (−7).
      const t = await todayAt(NOW);
      expect(t).toMatchObject({
        timeZone: "America/Los_Angeles",
        today: "2026-03-15",
        weekStart: "2026-03-09",
        weekEnd: "2026-03-15",
      });
      // Mon/Wed/Fri has nothing left this week; the assignment that ends on the 15th is due today.
      expect(slots(t.todayItems)).toEqual([slot("over", "2026-03-15", "09:00")]);
      expect(t.laterThisWeek).toEqual([]);
      // Both practices (12:00Z) fall in this Los Angeles week too.
      expect(t.practisedThisWeek).toBe(2);
      expect(t.flexible[0]).toMatchObject({ doneThisWeek: 1 });
    } finally {
      await today.caller.mutate("me.updateClientSettings", { timeZone: "Pacific/Auckland" });
    }
  });
});
