/**
 * Reviewing progress together: about 8 weeks of a New York client's practice, inserted
 * directly with chosen times, and every number of `review.bundle` (what the therapist may see)
 * and `progress.mine` (what the client sees) checked against values worked out by hand.
 *
 * Weeks run Monday to Sunday in the client's zone. W0 is the Monday 10 weeks before this
 * week, so all of it is in the past whatever day the test runs.
 */
import { randomUUID } from "node:crypto";
import { localToInstant, weekOf } from "@tend/core";
import { FieldCipher } from "@tend/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  createTestApi,
  inviteAndAccept,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const ZONE = "America/New_York";
const DAY = 24 * 3600_000;
const PRIVATE_CANARY = "private-entry-words-c41a";
const PRIVATE_REFLECTION_CANARY = "private-reflection-words-e09b";
const SESSION_NOTE_CANARY = "session-note-words-77d3";
const SHARED_REFLECTION = "I caught the harsh voice twice and answered it kindly once";
const FLAGGED_WORDS = "I would like to talk about Monday mornings";

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

let api: TestApi;
let therapist: Actor;
let client: Actor;
let cipher: FieldCipher;
let versions: Record<string, string>;
/** Monday of week k, "YYYY-MM-DD". */
let week: (k: number) => string;
let currentMonday: string;
const ids: Record<string, string> = {};

/** A local moment of the client: week k, day d (0 = Monday … 6 = Sunday), "HH:MM". */
const at = (k: number, d: number, time: string) => localToInstant(addDays(week(k), d), time, ZONE);

const scales = (sm: number, pe: number, dv: number) => ({
  "stuck-motivated": sm,
  "powerless-empowered": pe,
  "dismissed-validated": dv,
});

async function insertEntry(
  name: string,
  e: {
    slug: "loved-one-test" | "soothing-touch" | "weekly-reflection";
    completedAt: Date | null;
    shared?: boolean;
    flagged?: boolean;
    words?: Record<string, unknown>;
    measures?: Record<string, unknown>;
  },
) {
  const id = randomUUID();
  ids[name] = id;
  const time = e.completedAt ?? new Date(Date.now() - DAY);
  await api.db
    .insertInto("entry")
    .values({
      id,
      client_id: client.id,
      assignment_id: null,
      exercise_version_id: versions[e.slug]!,
      status: e.completedAt ? "complete" : "draft",
      words_ciphertext: cipher.encryptJson(e.words ?? {}, id),
      measures: JSON.stringify(e.measures ?? {}),
      shared_at: e.shared ? new Date(time.getTime() + 60_000) : null,
      flagged_for_session: e.flagged ?? false,
      started_at: new Date(time.getTime() - 10 * 60_000),
      updated_at: time,
      completed_at: e.completedAt,
    })
    .execute();
}

const lovedOne = (
  h: [number, number, number],
  k: [number, number, number],
  words = { harsh: "harsh words", kinder: "kinder words" },
) => ({
  slug: "loved-one-test" as const,
  words: { reframe: words },
  measures: { reframe: { harshRatings: scales(...h), kinderRatings: scales(...k) } },
});
const soothing = (before: number | null, after: number | null) => ({
  slug: "soothing-touch" as const,
  measures: {
    ...(before === null ? {} : { "intensity-before": before }),
    ...(after === null ? {} : { "intensity-after": after }),
    stay: { elapsedSeconds: 120 },
  },
});

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  cipher = FieldCipher.fromSpec(api.env.DATA_ENCRYPTION_KEY);
  therapist = await signUpTherapist(api, "Rae Review", "rae@example.com");
  client = await inviteAndAccept(api, therapist, "Nia York", "nia@example.com");
  await client.caller.mutate("me.updateClientSettings", { timeZone: ZONE });
  const rows = await api.db
    .selectFrom("exercise as e")
    .innerJoin("exercise_version as v", (j) =>
      j.onRef("v.exercise_id", "=", "e.id").onRef("v.version", "=", "e.current_version"),
    )
    .select(["e.slug", "v.id"])
    .where("e.slug", "in", ["loved-one-test", "soothing-touch", "weekly-reflection"])
    .execute();
  versions = Object.fromEntries(rows.map((r) => [r.slug!, r.id]));
  currentMonday = weekOf(new Date(), ZONE).start;
  const w0 = addDays(currentMonday, -70);
  week = (k) => addDays(w0, 7 * k);

  // Just before the period (the Sunday before W0): never counted in the review.
  await insertEntry("e0", { ...soothing(4, 4), completedAt: at(-1, 6, "23:00"), shared: true });
  // W0: three practices, the last at 23:30 on Sunday (already Monday in UTC).
  await insertEntry("e1", {
    ...lovedOne([2, 3, 1], [6, 7, 5]),
    completedAt: at(0, 0, "09:00"),
    shared: true,
  });
  await insertEntry("e2", { ...soothing(8, 4), completedAt: at(0, 2, "20:00"), shared: true });
  await insertEntry("e3", { ...soothing(6, 3), completedAt: at(0, 6, "23:30"), shared: true });
  // W1: three shared loved-one tests (one just after midnight on Monday) and a private, flagged one.
  await insertEntry("e4", {
    ...lovedOne([4, 4, 4], [6, 7, 8]),
    completedAt: at(1, 0, "00:15"),
    shared: true,
  });
  await insertEntry("e4b", {
    ...lovedOne([3, 5, 2], [8, 6, 3]),
    completedAt: at(1, 1, "09:00"),
    shared: true,
  });
  await insertEntry("e4c", {
    ...lovedOne([1, 1, 1], [2, 2, 2]),
    completedAt: at(1, 2, "09:00"),
    shared: true,
  });
  await insertEntry("e5", {
    ...lovedOne([0, 0, 0], [10, 10, 10], { harsh: PRIVATE_CANARY, kinder: PRIVATE_CANARY }),
    completedAt: at(1, 3, "12:00"),
    flagged: true,
  });
  // W2: a quiet week.
  // W3: soothing touch with one rating skipped each time, and once with both skipped.
  await insertEntry("e6", { ...soothing(5, null), completedAt: at(3, 1, "07:00"), shared: true });
  await insertEntry("e7", { ...soothing(null, 2), completedAt: at(3, 1, "19:00"), shared: true });
  await insertEntry("e8", {
    ...soothing(null, null),
    completedAt: at(3, 4, "10:00"),
    shared: true,
  });
  // W4: a shared loved-one test brought to session, and a shared weekly reflection.
  await insertEntry("e9", {
    ...lovedOne([3, 2, 1], [5, 5, 5], { harsh: FLAGGED_WORDS, kinder: "one step at a time" }),
    completedAt: at(4, 5, "11:00"),
    shared: true,
    flagged: true,
  });
  await insertEntry("e10", {
    slug: "weekly-reflection",
    words: { noticed: SHARED_REFLECTION, different: "a little" },
    completedAt: at(4, 6, "18:00"),
    shared: true,
  });
  // W5: one practice, and a draft that does not count.
  await insertEntry("e11", {
    ...lovedOne([2, 2, 2], [3, 3, 3]),
    completedAt: at(5, 2, "08:00"),
    shared: true,
  });
  await insertEntry("draft", {
    ...lovedOne([9, 9, 9], [0, 0, 0]),
    completedAt: null,
    shared: false,
  });
  // W6: a private soothing touch.
  await insertEntry("e12", { ...soothing(9, 1), completedAt: at(6, 0, "10:00") });
  // W7: a private reflection, and a shared loved-one test one minute before the week ends.
  await insertEntry("e13", {
    slug: "weekly-reflection",
    words: { noticed: PRIVATE_REFLECTION_CANARY, different: "no" },
    completedAt: at(7, 4, "21:00"),
  });
  await insertEntry("e14", {
    ...lovedOne([5, 5, 5], [5, 5, 5]),
    completedAt: at(7, 6, "23:59"),
    shared: true,
  });

  await therapist.caller.mutate("sessionNotes.save", {
    clientId: client.id,
    sessionDate: week(5),
    note: SESSION_NOTE_CANARY,
  });
}, 60_000);
afterAll(async () => api?.drop());

/** Every Monday from W0 to this week. */
const allWeeks = () => {
  const out: string[] = [];
  for (let w = week(0); w <= currentMonday; w = addDays(w, 7)) out.push(w);
  return out;
};
const bundle = () =>
  therapist.caller.query("review.bundle", { clientId: client.id, from: week(0) });
const gaps = (series: Array<{ scaleId: string; weeklyGap: unknown[] }>, scaleId: string) =>
  series.find((s) => s.scaleId === scaleId)!.weeklyGap;

describe("review.bundle (what therapist and client look at together)", () => {
  it("the week boundary is the client's Sunday midnight, not UTC's", () => {
    // The test means something: 23:30 on W0's Sunday in New York is already W1's Monday in UTC.
    expect(at(0, 6, "23:30").toISOString().slice(0, 10)).toBe(week(1));
  });

  it("counts practices per week in New York time, quiet weeks included", async () => {
    const b = await bundle();
    expect(b.timeZone).toBe(ZONE);
    expect(b.periodStart).toBe(week(0));
    expect(b.practiceByWeek.map((w: { weekStart: string }) => w.weekStart)).toEqual(allWeeks());
    const counts = b.practiceByWeek.map((w: { count: number }) => w.count);
    // W0 3 (Sunday 23:30 included), W1 4 (private e5 counts: the client shares the practice log),
    // W2 0, W3 3, W4 2, W5 1 (no draft), W6 1, W7 2, then quiet weeks up to now.
    expect(counts.slice(0, 8)).toEqual([3, 4, 0, 3, 2, 1, 1, 2]);
    expect(counts.slice(8).every((c: number) => c === 0)).toBe(true);
    expect(b.totalPractices).toBe(16);
  });

  it("weekly mean gap (kinder − harsh) per scale, from shared entries only", async () => {
    const b = await bundle();
    expect(b.reframe.map((s: { scaleId: string }) => s.scaleId).sort()).toEqual([
      "dismissed-validated",
      "powerless-empowered",
      "stuck-motivated",
    ]);
    // stuck–motivated: W0 6−2=4; W1 (2+5+1)/3=2.67→2.7; W4 5−3=2; W5 3−2=1; W7 0.
    expect(gaps(b.reframe, "stuck-motivated")).toEqual([
      { weekStart: week(0), meanGap: 4, count: 1 },
      { weekStart: week(1), meanGap: 2.7, count: 3 },
      { weekStart: week(4), meanGap: 2, count: 1 },
      { weekStart: week(5), meanGap: 1, count: 1 },
      { weekStart: week(7), meanGap: 0, count: 1 },
    ]);
    // powerless–empowered: W0 7−3=4; W1 (3+1+1)/3=1.67→1.7; W4 5−2=3; W5 1; W7 0.
    expect(gaps(b.reframe, "powerless-empowered")).toEqual([
      { weekStart: week(0), meanGap: 4, count: 1 },
      { weekStart: week(1), meanGap: 1.7, count: 3 },
      { weekStart: week(4), meanGap: 3, count: 1 },
      { weekStart: week(5), meanGap: 1, count: 1 },
      { weekStart: week(7), meanGap: 0, count: 1 },
    ]);
    // dismissed–validated: W0 5−1=4; W1 (4+1+1)/3=2; W4 5−1=4; W5 1; W7 0.
    expect(gaps(b.reframe, "dismissed-validated")).toEqual([
      { weekStart: week(0), meanGap: 4, count: 1 },
      { weekStart: week(1), meanGap: 2, count: 3 },
      { weekStart: week(4), meanGap: 4, count: 1 },
      { weekStart: week(5), meanGap: 1, count: 1 },
      { weekStart: week(7), meanGap: 0, count: 1 },
    ]);
    // The entry at 23:59 on W7's Sunday is plotted on that Sunday.
    const sm = b.reframe.find((s: { scaleId: string }) => s.scaleId === "stuck-motivated");
    expect(sm.points.at(-1)).toMatchObject({ entryId: ids.e14, localDate: addDays(week(7), 6) });
    expect(sm.points).toHaveLength(7); // e1, e4, e4b, e4c, e9, e11, e14
  });

  it("soothing touch before and after, skipped ratings kept as null", async () => {
    const b = await bundle();
    expect(
      b.soothingTouch.map(
        (p: { entryId: string; localDate: string; before: number; after: number }) => [
          p.entryId,
          p.localDate,
          p.before,
          p.after,
        ],
      ),
    ).toEqual([
      [ids.e2, addDays(week(0), 2), 8, 4],
      [ids.e3, addDays(week(0), 6), 6, 3], // Sunday, in New York
      [ids.e6, addDays(week(3), 1), 5, null],
      [ids.e7, addDays(week(3), 1), null, 2],
    ]);
  });

  it("flagged entries and reflections: shared ones only, with their words", async () => {
    const b = await bundle();
    expect(b.flagged.map((e: { id: string }) => e.id)).toEqual([ids.e9]);
    expect(b.flagged[0].answers.reframe).toMatchObject({
      harsh: FLAGGED_WORDS,
      harshRatings: scales(3, 2, 1),
      kinderRatings: scales(5, 5, 5),
    });
    expect(b.reflections.map((e: { id: string }) => e.id)).toEqual([ids.e10]);
    expect(b.reflections[0].answers.noticed).toBe(SHARED_REFLECTION);
  });

  it("never holds a private entry or the therapist's session notes", async () => {
    const text = JSON.stringify(await bundle());
    for (const secret of [
      PRIVATE_CANARY,
      PRIVATE_REFLECTION_CANARY,
      SESSION_NOTE_CANARY,
      ids.e5!,
      ids.e12!,
      ids.e13!,
      ids.draft!,
    ])
      expect(text).not.toContain(secret);
  });

  it("without the practice log, only shared practices are counted", async () => {
    await client.caller.mutate("me.updateClientSettings", { sharePracticeLog: false });
    try {
      const b = await bundle();
      const counts = b.practiceByWeek.map((w: { count: number }) => w.count);
      // W1 loses e5, W6 loses e12, W7 loses e13.
      expect(counts.slice(0, 8)).toEqual([3, 3, 0, 3, 2, 1, 0, 1]);
      expect(b.totalPractices).toBe(13);
    } finally {
      await client.caller.mutate("me.updateClientSettings", { sharePracticeLog: true });
    }
  });
});

describe("progress.mine (the client's own view)", () => {
  it("counts and averages everything of theirs, private entries included", async () => {
    const p = await client.caller.query("progress.mine", { weeks: 12 });
    const count = (k: number) =>
      p.practiceByWeek.find((w: { weekStart: string }) => w.weekStart === week(k))?.count;
    // W−1 holds e0 (in range for the client's 12 weeks); W1 has the private e5, W6 e12, W7 e13.
    expect([-1, 0, 1, 2, 3, 4, 5, 6, 7].map(count)).toEqual([1, 3, 4, 0, 3, 2, 1, 1, 2]);
    expect(p.totalPractices).toBe(17);
    // W1 with the private e5 (gap 10 on every scale): (2+5+1+10)/4=4.5, (3+1+1+10)/4=3.75→3.8,
    // (4+1+1+10)/4=4.
    expect(gaps(p.reframe, "stuck-motivated")[1]).toEqual({
      weekStart: week(1),
      meanGap: 4.5,
      count: 4,
    });
    expect(gaps(p.reframe, "powerless-empowered")[1]).toEqual({
      weekStart: week(1),
      meanGap: 3.8,
      count: 4,
    });
    expect(gaps(p.reframe, "dismissed-validated")[1]).toEqual({
      weekStart: week(1),
      meanGap: 4,
      count: 4,
    });
    expect(
      p.soothingTouch.map((s: { entryId: string; before: number; after: number }) => [
        s.entryId,
        s.before,
        s.after,
      ]),
    ).toEqual([
      [ids.e0, 4, 4],
      [ids.e2, 8, 4],
      [ids.e3, 6, 3],
      [ids.e6, 5, null],
      [ids.e7, null, 2],
      [ids.e12, 9, 1],
    ]);
    expect(p.flagged.map((e: { id: string }) => e.id)).toEqual([ids.e5, ids.e9]);
    expect(p.reflections.map((e: { id: string }) => e.id)).toEqual([ids.e10, ids.e13]);
    const text = JSON.stringify(p);
    expect(text).toContain(PRIVATE_CANARY);
    expect(text).toContain(PRIVATE_REFLECTION_CANARY);
    expect(text).not.toContain(SESSION_NOTE_CANARY);
    expect(text).not.toContain(ids.draft!);
  });
});
