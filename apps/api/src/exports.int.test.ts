/**
 * A client's data leaves with them: JSON and CSV of everything (their words decrypted), a
 * printable PDF of a period, their planned practice as a calendar (download and private feed),
 * and deletion of the account after a 7-day grace. A therapist's printable summary holds only
 * what the client shared, and is recorded in the client's access log.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { localDateOf, occurrencesBetween } from "@tend/core";
import { purgeDeletedClients } from "@tend/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  Caller,
  createTestApi,
  inviteAndAccept,
  outboxRows,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";

const DAY = 24 * 3600_000;
const PRIVATE_CANARY = "private-soothing-words-41f7";
const OTHER_CLIENT_CANARY = "other-client-words-b7e2";
const SESSION_NOTE_CANARY = "therapist-session-note-9a0c";
const ASSIGNMENT_NOTE = "Gently, whenever you can. note-6d1e";
const SHARED_REFLECTION = "I noticed I paused before the harsh words";
const FORMULA = '=HYPERLINK("http://example.com","open me")';
const TRICKY = 'Kind, "gentle"\nand on a second line';

const ratings = (n: number) => ({
  "stuck-motivated": n,
  "powerless-empowered": n,
  "dismissed-validated": n,
});

let api: TestApi;
let therapist: Actor;
let otherTherapist: Actor;
let client: Actor;
let otherClient: Actor;
let lovedOneEntry: string;
let soothingEntry: string;
let reflectionEntry: string;
let draftEntry: string;
let daysAssignment: string;
let twiceAssignment: string;
let tmp: string;

const today = () => localDateOf(new Date(), "Europe/London");
const daysAgo = (n: number) => localDateOf(new Date(Date.now() - n * DAY), "Europe/London");

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  tmp = mkdtempSync(path.join(tmpdir(), "tend-exports-"));
  therapist = await signUpTherapist(api, "Tova Therapist", "tova@example.com");
  otherTherapist = await signUpTherapist(api, "Uma Other", "uma@example.com");
  client = await inviteAndAccept(api, therapist, "Cleo Client", "cleo@example.com");
  otherClient = await inviteAndAccept(api, therapist, "Olli Other", "olli@example.com");
  const library = await therapist.caller.query("exercise.listLibrary");
  const idOf = (slug: string) => library.find((e: { slug: string }) => e.slug === slug).id;

  daysAssignment = (
    await therapist.caller.mutate("assignments.create", {
      clientId: client.id,
      exerciseId: idOf("loved-one-test"),
      schedule: { kind: "days", days: [1, 3, 5], times: ["08:00"] },
      startDate: daysAgo(14),
      note: ASSIGNMENT_NOTE,
    })
  ).id;
  twiceAssignment = (
    await therapist.caller.mutate("assignments.create", {
      clientId: client.id,
      exerciseId: idOf("soothing-touch"),
      schedule: { kind: "days", days: [2, 4], times: ["07:30", "19:00"] },
      startDate: daysAgo(3),
    })
  ).id;
  const paused = await therapist.caller.mutate("assignments.create", {
    clientId: client.id,
    exerciseId: idOf("noticing-inner-voice"),
    schedule: { kind: "days", days: [1, 2, 3, 4, 5, 6, 7], times: ["12:00"] },
    startDate: daysAgo(3),
  });
  await therapist.caller.mutate("assignments.setStatus", { id: paused.id, action: "pause" });
  await therapist.caller.mutate("assignments.create", {
    clientId: client.id,
    exerciseId: idOf("weekly-reflection"),
    schedule: { kind: "flexible", timesPerWeek: 1 },
    startDate: daysAgo(3),
  });

  // Shared and flagged, with words a spreadsheet would run as a formula.
  lovedOneEntry = (await client.caller.mutate("practice.start", { assignmentId: daysAssignment }))
    .id;
  await client.caller.mutate("practice.complete", {
    entryId: lovedOneEntry,
    answers: {
      reframe: {
        harsh: FORMULA,
        kinder: TRICKY,
        harshRatings: ratings(2),
        kinderRatings: ratings(7),
      },
      noticed: "+1 for trying",
    },
  });
  await client.caller.mutate("entries.setSharing", { id: lovedOneEntry, shared: true });
  await client.caller.mutate("entries.setFlag", { id: lovedOneEntry, flagged: true });
  // Private: its words and ratings are the client's alone.
  soothingEntry = (await client.caller.mutate("practice.start", { assignmentId: twiceAssignment }))
    .id;
  await client.caller.mutate("practice.complete", {
    entryId: soothingEntry,
    answers: { "intensity-before": 7, "intensity-after": 3, words: `@home ${PRIVATE_CANARY}` },
  });
  // A shared weekly reflection.
  reflectionEntry = (
    await client.caller.mutate("practice.start", { exerciseId: idOf("weekly-reflection") })
  ).id;
  await client.caller.mutate("practice.complete", {
    entryId: reflectionEntry,
    answers: { noticed: SHARED_REFLECTION, different: "-less harsh, maybe" },
  });
  await client.caller.mutate("entries.setSharing", { id: reflectionEntry, shared: true });
  // A draft, still open.
  draftEntry = (
    await client.caller.mutate("practice.start", { exerciseId: idOf("soothing-touch") })
  ).id;
  await client.caller.mutate("practice.saveDraft", {
    entryId: draftEntry,
    answers: { words: "half way" },
  });
  await therapist.caller.mutate("sessionNotes.save", {
    clientId: client.id,
    sessionDate: daysAgo(20),
    note: SESSION_NOTE_CANARY,
  });
  await therapist.caller.query("clients.get", { clientId: client.id });

  // Another client of the same therapist, whose words must never appear in Cleo's files.
  const theirs = await otherClient.caller.mutate("practice.start", {
    exerciseId: idOf("weekly-reflection"),
  });
  await otherClient.caller.mutate("practice.complete", {
    entryId: theirs.id,
    answers: { noticed: OTHER_CLIENT_CANARY, different: "x" },
  });
  await otherClient.caller.mutate("entries.setSharing", { id: theirs.id, shared: true });
}, 90_000);

afterAll(async () => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  await api?.drop();
});

/** RFC 4180 parser for the test (quoted fields, doubled quotes, CRLF inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"' && field === "") {
      quoted = true;
      i++;
    } else if (ch === ",") {
      row.push(field);
      field = "";
      i++;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i += 2;
    } else {
      expect(ch, "a bare LF or CR outside quotes is not RFC 4180").not.toMatch(/[\r\n]/);
      field += ch;
      i++;
    }
  }
  expect(field, "the file ends with CRLF").toBe("");
  expect(row).toEqual([]);
  return rows;
}

function pdfText(pdf: Buffer, name: string): string {
  const file = path.join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
}

/** Unfold RFC 5545 content lines and split them. */
function icsLines(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, "").split("\r\n");
}

describe("the client's own export", () => {
  it("needs a signed-in client", async () => {
    for (const file of ["me.json", "me.csv", "me.pdf", "me.ics"]) {
      expect((await new Caller(api).fetch(`/api/export/${file}`)).status).toBe(401);
      expect((await therapist.caller.fetch(`/api/export/${file}`)).status).toBe(403);
    }
  });

  it("JSON: everything of theirs, words decrypted, as a download that is never cached", async () => {
    const res = await client.caller.fetch("/api/export/me.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toMatch(
      /^attachment; filename="tend-export-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.account).toMatchObject({
      id: client.id,
      name: "Cleo Client",
      email: "cleo@example.com",
      therapistName: "Tova Therapist",
      deletionRequestedAt: null,
    });
    expect(data.settings.timeZone).toBe("Europe/London");
    expect(data.assignments).toHaveLength(4);
    const assignment = data.assignments.find((a: { id: string }) => a.id === daysAssignment);
    expect(assignment.note).toBe(ASSIGNMENT_NOTE);
    expect(assignment.exercise.title).toBe("The loved-one test");

    // Every entry the client can see, with its words, exactly as the app shows them.
    const mine = await client.caller.query("entries.mine");
    expect(data.entries.map((e: { id: string }) => e.id).sort()).toEqual(
      mine.map((e: { id: string }) => e.id).sort(),
    );
    expect(data.entries).toHaveLength(4);
    for (const e of mine) {
      const exported = data.entries.find((x: { id: string }) => x.id === e.id);
      expect(exported.answers).toEqual(e.answers);
      expect(exported.status).toBe(e.status);
      expect(exported.exercise.version).toBe(e.version);
      expect(exported.shared).toBe(e.shared);
      expect(exported.flaggedForSession).toBe(e.flaggedForSession);
    }
    const loved = data.entries.find((x: { id: string }) => x.id === lovedOneEntry);
    expect(loved.answers.reframe).toMatchObject({ harsh: FORMULA, kinder: TRICKY });
    expect(loved.exercise.title).toBe("The loved-one test");
    const soothing = data.entries.find((x: { id: string }) => x.id === soothingEntry);
    expect(soothing.answers).toMatchObject({ words: `@home ${PRIVATE_CANARY}` });
    expect(soothing.shared).toBe(false);
    const draft = data.entries.find((x: { id: string }) => x.id === draftEntry);
    expect(draft).toMatchObject({ status: "draft", completedAt: null });
    // Who looked: the therapist opened the client's page.
    expect(data.accessLog.length).toBeGreaterThanOrEqual(1);
    expect(data.accessLog[0].viewerName).toBe("Tova Therapist");
    // Nobody else's data, and nothing the therapist keeps for themselves.
    for (const foreign of [OTHER_CLIENT_CANARY, "Olli Other", otherClient.id, SESSION_NOTE_CANARY])
      expect(text).not.toContain(foreign);
    expect(text).not.toMatch(/"v1\.test1\./); // no ciphertext, only words
  });

  it("CSV: one row per answer, RFC 4180, formulas neutralised", async () => {
    const res = await client.caller.fetch("/api/export/me.csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
    const rows = parseCsv(await res.text());
    expect(rows[0]).toEqual([
      "entry_id",
      "completed_at",
      "exercise",
      "step_id",
      "step_label",
      "field",
      "value",
    ]);
    const body = rows.slice(1);
    for (const r of body) expect(r).toHaveLength(7);
    const of = (entryId: string, field: string) =>
      body.filter((r) => r[0] === entryId && r[5] === field).map((r) => r[6]);
    // The formula is text now; quotes, commas and newlines survive the round trip.
    expect(of(lovedOneEntry, "harsh version")).toEqual([`'${FORMULA}`]);
    expect(of(lovedOneEntry, "kinder version")).toEqual([TRICKY]);
    expect(of(lovedOneEntry, "text")).toEqual(["'+1 for trying"]);
    expect(of(soothingEntry, "text")).toEqual([`'@home ${PRIVATE_CANARY}`]);
    expect(of(reflectionEntry, "text")).toEqual([SHARED_REFLECTION, "'-less harsh, maybe"]);
    // 2 words + 3 harsh + 3 kinder ratings + the note.
    expect(body.filter((r) => r[0] === lovedOneEntry)).toHaveLength(9);
    expect(of(lovedOneEntry, "harsh version, stuck (0) to motivated (10)")).toEqual(["2"]);
    expect(of(soothingEntry, "rating, not at all (0) to as strong as it gets (10)")).toEqual([
      "7",
      "3",
    ]);
    const soothingRow = body.find((r) => r[0] === soothingEntry)!;
    expect(soothingRow[2]).toBe("Soothing touch");
    expect(Number.isNaN(Date.parse(soothingRow[1]!))).toBe(false);
    expect(body.find((r) => r[0] === draftEntry)?.[1]).toBe("");
    // No cell a spreadsheet would evaluate.
    for (const cell of body.flat()) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("PDF: a calm summary of the chosen period that renders", async () => {
    const from = daysAgo(6);
    const to = today();
    const res = await client.caller.fetch(`/api/export/me.pdf?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="tend-practice-${from}-to-${to}.pdf"`,
    );
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const file = path.join(tmp, "client.pdf");
    writeFileSync(file, pdf);
    execFileSync("pdftoppm", ["-png", "-r", "50", file, path.join(tmp, "client-page")]);
    expect(readdirSync(tmp).filter((f) => f.startsWith("client-page")).length).toBeGreaterThan(0);
    const text = pdfText(pdf, "client-text");
    expect(text).toContain("Your practice");
    expect(text).toContain("You practised 3 times in this period.");
    expect(text).toContain("Soothing touch: before and after");
    expect(text).toContain(SHARED_REFLECTION); // their own reflection
    expect(text).toContain("Brought to session");
    expect(text).not.toContain("%"); // no percentages, ever
    expect(text).not.toContain(OTHER_CLIENT_CANARY);
    expect(text).not.toContain(SESSION_NOTE_CANARY);
  });

  it("PDF: a period that cannot be is a clear 400", async () => {
    for (const q of ["from=2026-13-01", `from=${today()}&to=${daysAgo(3)}`, "from=1990-01-01"]) {
      const res = await client.caller.fetch(`/api/export/me.pdf?${q}`);
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/\w/);
    }
  });
});

describe("the therapist's printable summary", () => {
  it("holds shared data only, is logged, and is theirs alone", async () => {
    const res = await therapist.caller.fetch(`/api/export/clients/${client.id}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.pdf"$/);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pdfText(pdf, "therapist");
    expect(text).toContain("Practice summary for Cleo Client");
    expect(text).toContain(SHARED_REFLECTION);
    // The private entry counts as a practice day (the client allows that), nothing more.
    expect(text).toContain("Cleo Client practised 3 times in this period.");
    expect(text).toContain("No soothing touch ratings in this period.");
    for (const secret of [
      PRIVATE_CANARY,
      "@home",
      OTHER_CLIENT_CANARY,
      "Olli Other",
      SESSION_NOTE_CANARY,
      "%",
    ])
      expect(text).not.toContain(secret);
    const log = await client.caller.query("me.accessLog");
    expect(log[0]).toMatchObject({ viewerName: "Tova Therapist", what: "a printable summary" });
  });

  it("is a 404 for anyone else's client and refused to clients and strangers", async () => {
    expect((await otherTherapist.caller.fetch(`/api/export/clients/${client.id}.pdf`)).status).toBe(
      404,
    );
    expect((await therapist.caller.fetch("/api/export/clients/nobody.pdf")).status).toBe(404);
    expect((await therapist.caller.fetch(`/api/export/clients/${client.id}.txt`)).status).toBe(404);
    expect((await client.caller.fetch(`/api/export/clients/${client.id}.pdf`)).status).toBe(403);
    expect((await new Caller(api).fetch(`/api/export/clients/${client.id}.pdf`)).status).toBe(401);
  });
});

describe("the practice calendar", () => {
  /** What the calendar should hold: active planned practice of the next 8 weeks. */
  function expectedUids(from: Date) {
    const to = new Date(from.getTime() + 56 * DAY);
    const uids: string[] = [];
    const windows = [
      {
        id: daysAssignment,
        schedule: { kind: "days" as const, days: [1, 3, 5], times: ["08:00"] },
        start: daysAgo(14),
      },
      {
        id: twiceAssignment,
        schedule: { kind: "days" as const, days: [2, 4], times: ["07:30", "19:00"] },
        start: daysAgo(3),
      },
    ];
    for (const w of windows)
      for (const o of occurrencesBetween(
        { schedule: w.schedule, startDate: w.start, endDate: null, timeZone: "Europe/London" },
        from,
        to,
      ))
        uids.push(`${w.id}-${o.at.toISOString()}@tend`);
    return uids.sort();
  }

  function parseIcs(text: string) {
    const lines = icsLines(text);
    expect(lines[0]).toBe("BEGIN:VCALENDAR");
    expect(lines.at(-2)).toBe("END:VCALENDAR");
    expect(lines.at(-1)).toBe("");
    for (const raw of text.split("\r\n")) expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(75);
    const events = lines.filter((l) => l === "BEGIN:VEVENT").length;
    const uids = lines.filter((l) => l.startsWith("UID:")).map((l) => l.slice(4));
    const starts = lines.filter((l) => l.startsWith("DTSTART:")).map((l) => l.slice(8));
    const summaries = lines.filter((l) => l.startsWith("SUMMARY:")).map((l) => l.slice(8));
    expect(uids).toHaveLength(events);
    for (const s of starts) expect(s).toMatch(/^\d{8}T\d{6}Z$/);
    return { events, uids, summaries };
  }

  it("downloads the next 8 weeks of planned practice, with stable ids and no client words", async () => {
    const before = new Date();
    const res = await client.caller.fetch("/api/export/me.ics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="tend-practice.ics"');
    const text = await res.text();
    const ics = parseIcs(text);
    const expected = expectedUids(before);
    expect(expected.length).toBeGreaterThan(30); // 3 + 4 a week for 8 weeks
    expect(ics.events).toBe(expected.length);
    expect([...ics.uids].sort()).toEqual(expected);
    expect(new Set(ics.summaries)).toEqual(
      new Set(["Practice: The loved-one test", "Practice: Soothing touch"]),
    );
    for (const secret of [ASSIGNMENT_NOTE, PRIVATE_CANARY, FORMULA, "Cleo"])
      expect(text).not.toContain(secret);
    // The same practice keeps the same UID in the next download.
    const again = parseIcs(await (await client.caller.fetch("/api/export/me.ics")).text());
    expect([...again.uids].sort()).toEqual(expected);
  });

  it('leaves out a practice the client let go with "Not today"', async () => {
    const first = expectedUids(new Date())[0]!;
    const [assignmentId, at] = [first.slice(0, 36), first.slice(37, -"@tend".length)];
    await client.caller.mutate("practice.notToday", { assignmentId, occurrenceAt: at });
    const ics = parseIcs(await (await client.caller.fetch("/api/export/me.ics")).text());
    expect(ics.uids).not.toContain(first);
    expect(ics.events).toBe(expectedUids(new Date()).length - 1);
  });

  it("a private feed works without a session, and stops when replaced or revoked", async () => {
    expect(await client.caller.query("calendar.feedStatus")).toEqual({ active: false });
    const { url } = await client.caller.mutate("calendar.createFeed");
    expect(url).toMatch(/^http:\/\/tend\.test\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const feedPath = new URL(url).pathname;
    const token = feedPath.slice("/api/calendar/".length, -".ics".length);
    // Only the hash is stored.
    const stored = await api.db
      .selectFrom("client_profile")
      .select("calendar_token_hash")
      .where("user_id", "=", client.id)
      .executeTakeFirstOrThrow();
    expect(stored.calendar_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.calendar_token_hash).not.toContain(token);

    const anonymous = new Caller(api);
    const res = await anonymous.fetch(feedPath);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const ics = parseIcs(await res.text());
    expect(ics.events).toBe(expectedUids(new Date()).length - 1);
    expect(await client.caller.query("calendar.feedStatus")).toEqual({ active: true });

    // A new link replaces the old one.
    const { url: url2 } = await client.caller.mutate("calendar.createFeed");
    expect(url2).not.toBe(url);
    expect((await anonymous.fetch(feedPath)).status).toBe(404);
    expect((await anonymous.fetch(new URL(url2).pathname)).status).toBe(200);

    await client.caller.mutate("calendar.revokeFeed");
    expect((await anonymous.fetch(new URL(url2).pathname)).status).toBe(404);
    expect(await client.caller.query("calendar.feedStatus")).toEqual({ active: false });
    // Anything that is not a live token is refused, and never as a server error.
    for (const p of ["/api/calendar/x.ics", `/api/calendar/${token}`, "/api/calendar/%00.ics"])
      expect([400, 404]).toContain((await anonymous.fetch(p)).status);
    expect((await anonymous.fetch(`/api/calendar/${"A".repeat(43)}.ics`)).status).toBe(404);
  });
});

describe("deleting the account", () => {
  let leaving: Actor;
  let requestedAt: Date;

  beforeAll(async () => {
    leaving = await inviteAndAccept(api, therapist, "Dara Leaving", "dara@example.com");
    const library = await therapist.caller.query("exercise.listLibrary");
    const lovedOne = library.find((e: { slug: string }) => e.slug === "loved-one-test").id;
    const a = await therapist.caller.mutate("assignments.create", {
      clientId: leaving.id,
      exerciseId: lovedOne,
      schedule: { kind: "days", days: [1], times: ["09:00"] },
      startDate: daysAgo(7),
      note: "for Dara",
    });
    const e = await leaving.caller.mutate("practice.start", { assignmentId: a.id });
    await leaving.caller.mutate("practice.complete", {
      entryId: e.id,
      answers: {
        reframe: { harsh: "h", kinder: "k", harshRatings: ratings(1), kinderRatings: ratings(5) },
      },
    });
    await therapist.caller.mutate("sessionNotes.save", {
      clientId: leaving.id,
      sessionDate: daysAgo(2),
      note: "about Dara",
    });
    await leaving.caller.mutate("calendar.createFeed");
  });

  const countOf = async (table: "entry" | "assignment" | "session_note", column: "client_id") =>
    (
      await api.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where(column, "=", leaving.id)
        .executeTakeFirstOrThrow()
    ).n;
  const userRows = async () =>
    (await api.db.selectFrom("user").select("id").where("id", "=", leaving.id).execute()).length;

  it("can be asked for, cancelled, and asked for again; other devices are signed out", async () => {
    expect(await leaving.caller.query("account.deletionStatus")).toEqual({
      requested: false,
      requestedAt: null,
      deletesAt: null,
    });
    const phone = new Caller(api);
    expect((await phone.signIn("dara@example.com", "a quiet harbour 2026")).status).toBe(200);
    expect((await phone.trpc("me.get", "query")).status).toBe(200);

    const asked = await leaving.caller.mutate("account.requestDeletion");
    expect(asked.requested).toBe(true);
    expect(Date.parse(asked.deletesAt) - Date.parse(asked.requestedAt)).toBe(7 * DAY);
    expect((await phone.trpc("me.get", "query")).status).toBe(401);
    expect((await leaving.caller.trpc("me.get", "query")).status).toBe(200);
    // Asking twice keeps the first date.
    expect((await leaving.caller.mutate("account.requestDeletion")).requestedAt).toBe(
      asked.requestedAt,
    );

    expect((await leaving.caller.mutate("account.cancelDeletion")).requested).toBe(false);
    expect((await leaving.caller.query("account.deletionStatus")).requested).toBe(false);
    // Nothing is purged while no request is pending, however late it is.
    expect(await purgeDeletedClients(api.db, new Date(Date.now() + 30 * DAY))).toEqual([]);

    const again = await leaving.caller.mutate("account.requestDeletion");
    expect(again.requested).toBe(true);
    requestedAt = new Date(again.requestedAt);
    const exported = (await (await leaving.caller.fetch("/api/export/me.json")).json()) as {
      account: { deletionRequestedAt: string };
    };
    expect(exported.account.deletionRequestedAt).toBe(again.requestedAt);
  });

  it("nothing is deleted within the 7 days", async () => {
    expect(await purgeDeletedClients(api.db, new Date(requestedAt.getTime() + 6 * DAY))).toEqual(
      [],
    );
    expect(
      await purgeDeletedClients(api.db, new Date(requestedAt.getTime() + 7 * DAY - 1000)),
    ).toEqual([]);
    expect(await userRows()).toBe(1);
    expect(await countOf("entry", "client_id")).toBe(1);
    expect(await outboxRows(api, { template: "client-left" })).toHaveLength(0);
  });

  it("after the grace period everything of the client goes, and the therapist is told once", async () => {
    const later = new Date(requestedAt.getTime() + 8 * DAY);
    expect(await purgeDeletedClients(api.db, later)).toEqual([
      { clientId: leaving.id, therapistId: therapist.id },
    ]);
    expect(await userRows()).toBe(0);
    expect(await countOf("entry", "client_id")).toBe(0);
    expect(await countOf("assignment", "client_id")).toBe(0);
    expect(await countOf("session_note", "client_id")).toBe(0);
    const profile = await api.db
      .selectFrom("client_profile")
      .select("user_id")
      .where("user_id", "=", leaving.id)
      .execute();
    expect(profile).toHaveLength(0);
    const sessions = await api.db
      .selectFrom("session")
      .select("id")
      .where("userId", "=", leaving.id)
      .execute();
    expect(sessions).toHaveLength(0);
    const invitations = await api.db
      .selectFrom("invitation")
      .select("id")
      .where("email", "=", "dara@example.com")
      .execute();
    expect(invitations).toHaveLength(0);
    expect(await outboxRows(api, { to: "dara@example.com" })).toHaveLength(0);
    // The audit trail keeps ids, and no address of theirs.
    const audit = await api.db
      .selectFrom("audit_event")
      .select(["action", "ip", "actor_user_id"])
      .where("subject_user_id", "=", leaving.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain("account_deleted");
    for (const a of audit.filter((a) => a.actor_user_id === leaving.id)) expect(a.ip).toBeNull();

    const left = await outboxRows(api, { template: "client-left" });
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({
      to_address: therapist.email,
      idempotency_key: `client-left:${leaving.id}`,
      data: { clientName: "Dara Leaving" },
    });
    // Running again (another worker, a retry) changes nothing and sends nothing more.
    expect(await purgeDeletedClients(api.db, new Date(later.getTime() + DAY))).toEqual([]);
    expect(await outboxRows(api, { template: "client-left" })).toHaveLength(1);
    // Their session is gone with them; other clients are untouched.
    expect((await leaving.caller.trpc("me.get", "query")).status).toBe(401);
    expect((await client.caller.trpc("me.get", "query")).status).toBe(200);
  });
});
