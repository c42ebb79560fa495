/**
 * The client owns their words.
 * - A private entry's words reach no therapist response: every query in the router is called
 *   as the therapist (and as another therapist) and searched for a canary string.
 * - The practice log shows only the date and the exercise title, and only while the client allows it.
 * - Sharing shows the words; un-sharing takes them back.
 * - At rest the words are AES-GCM ciphertext bound to the entry id; ratings stay plain JSON;
 *   a `pg_dump` of the whole database holds no canary.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { FieldCipher } from "@tend/db";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  createTestApi,
  inviteAndAccept,
  latestInvitationToken,
  signUpTherapist,
  type TestApi,
} from "./testing/harness.ts";
import { appRouter } from "./trpc/router.ts";

/** Random per run, so nothing else in the database can contain it by chance. */
const CANARY = `canary${randomBytes(6).toString("hex")}`;
const HARSH = `you ruin everything ${CANARY}-harsh`;
const KINDER = `you are doing your best ${CANARY}-kinder`;
const NOTICED = `my chest loosened ${CANARY}-noticed`;
const DRAFT_WORDS = `still writing ${CANARY}-draft`;
/** The therapist's own note: theirs to see, but encrypted at rest like the client's words. */
const NOTE_CANARY = `note${randomBytes(6).toString("hex")}`;
const NOTE = `therapist note ${NOTE_CANARY}`;
const HARSH_RATINGS = { "stuck-motivated": 1, "powerless-empowered": 2, "dismissed-validated": 3 };
const KINDER_RATINGS = { "stuck-motivated": 7, "powerless-empowered": 8, "dismissed-validated": 9 };

let api: TestApi;
let therapist: Actor;
let otherTherapist: Actor;
let client: Actor;
let lovedOneId: string;
let soothingId: string;
let entryId: string;
let draftId: string;
let pendingToken: string;

beforeAll(async () => {
  api = await createTestApi({ TRUST_PROXY: "true" });
  therapist = await signUpTherapist(api, "Tara Therapist", "tara@example.com");
  otherTherapist = await signUpTherapist(api, "Otto Other", "otto@example.com");
  client = await inviteAndAccept(api, therapist, "Cleo Client", "cleo@example.com");
  await inviteAndAccept(api, otherTherapist, "Olga Client", "olga@example.com");
  // A pending invitation, so invitations.preview has a token to look at.
  await therapist.caller.mutate("invitations.send", {
    name: "Pat Pending",
    email: "pat@example.com",
  });
  pendingToken = await latestInvitationToken(api, "pat@example.com");

  const library = await therapist.caller.query("exercise.listLibrary");
  lovedOneId = library.find((e: { slug: string }) => e.slug === "loved-one-test").id;
  soothingId = library.find((e: { slug: string }) => e.slug === "soothing-touch").id;
  const assignment = await therapist.caller.mutate("assignments.create", {
    clientId: client.id,
    exerciseId: lovedOneId,
    schedule: { kind: "days", days: [1, 2, 3, 4, 5, 6, 7], times: ["08:00"] },
    startDate: "2026-01-05",
    note: NOTE,
  });

  const draft = await client.caller.mutate("practice.start", { assignmentId: assignment.id });
  entryId = draft.id;
  const done = await client.caller.mutate("practice.complete", {
    entryId,
    answers: {
      reframe: {
        harsh: HARSH,
        kinder: KINDER,
        harshRatings: HARSH_RATINGS,
        kinderRatings: KINDER_RATINGS,
      },
      noticed: NOTICED,
    },
  });
  expect(done.status).toBe("complete");
  expect(done.shared).toBe(false);

  // An unfinished draft with words in it too (drafts are never shown to anyone but the author).
  const other = await client.caller.mutate("practice.start", { exerciseId: soothingId });
  draftId = other.id;
  await client.caller.mutate("practice.saveDraft", {
    entryId: draftId,
    answers: { "intensity-before": 6, words: DRAFT_WORDS },
  });
}, 60_000);
afterAll(async () => api?.drop());

type Proc = { _def: { type: string; inputs?: unknown[] } };
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, Proc>);
const queries = procedures.filter(([, p]) => p._def.type === "query");

/** True when the procedure's input object has a `clientId` field. */
function takesClientId(proc: Proc): boolean {
  return (proc._def.inputs ?? []).some((schema) => {
    const shape = (schema as { shape?: Record<string, unknown> }).shape;
    return Boolean(shape && "clientId" in shape);
  });
}

/** Inputs for queries that need something other than a clientId (or nothing). */
function inputFor(path: string, proc: Proc): unknown {
  if (takesClientId(proc)) return { clientId: client.id };
  const known: Record<string, unknown> = {
    "exercise.get": { id: lovedOneId },
    "entries.get": { id: entryId },
    "invitations.preview": { token: pendingToken },
  };
  return known[path];
}

/** Every query in the router, called as `who`. Fails if an input was not accepted (400). */
async function sweep(who: Actor) {
  const out: Array<{ path: string; status: number; text: string }> = [];
  for (const [path, proc] of queries) {
    const res = await who.caller.trpc(path, "query", inputFor(path, proc));
    expect(
      res.status,
      `${path}: the test gave it an input it does not accept — add one in inputFor()`,
    ).not.toBe(400);
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).not.toBe(500);
    out.push({ path, status: res.status, text: JSON.stringify(res.body) });
  }
  return out;
}

function expectNoCanary(responses: Array<{ path: string; text: string }>, except: string[] = []) {
  for (const r of responses) {
    if (except.includes(r.path)) continue;
    expect(r.text, `${r.path} showed the client's private words`).not.toContain(CANARY);
  }
}

async function forClient() {
  return therapist.caller.query("entries.forClient", { clientId: client.id });
}

describe("a private entry", () => {
  it("the sweep covers the client-scoped therapist queries", () => {
    const scoped = queries.filter(([, p]) => takesClientId(p)).map(([path]) => path);
    // If one of these stops taking a clientId, this test needs a second look.
    expect(scoped).toEqual(
      expect.arrayContaining(["clients.get", "assignments.listForClient", "entries.forClient"]),
    );
  });

  it("appears in no response of any query, as the therapist or as another therapist", async () => {
    const mine = await sweep(therapist);
    for (const r of mine.filter((r) => takesClientId(appRouterProc(r.path))))
      expect(r.status, `${r.path} as the client's therapist: ${r.text}`).toBe(200);
    expectNoCanary(mine);

    const theirs = await sweep(otherTherapist);
    for (const r of theirs.filter((r) => takesClientId(appRouterProc(r.path))))
      expect(r.status, `${r.path} as another therapist`).toBe(404);
    expectNoCanary(theirs);
  });

  it("the client, of course, reads their own words back", async () => {
    const own = await client.caller.query("entries.get", { id: entryId });
    expect(own.answers).toEqual({
      reframe: {
        harsh: HARSH,
        kinder: KINDER,
        harshRatings: HARSH_RATINGS,
        kinderRatings: KINDER_RATINGS,
      },
      noticed: NOTICED,
    });
    const draft = await client.caller.query("entries.get", { id: draftId });
    expect(draft.answers).toEqual({ "intensity-before": 6, words: DRAFT_WORDS });
  });

  it("the practice log shows only the date and the exercise title", async () => {
    const own = await client.caller.query("entries.get", { id: entryId });
    const view = await forClient();
    expect(view.shared).toEqual([]);
    expect(view.privatePractice).toEqual([
      { completedAt: own.completedAt, exerciseTitle: "The loved-one test" },
    ]);
    // No ratings either: the only keys are the two above.
    expect(Object.keys(view.privatePractice[0]).sort()).toEqual(["completedAt", "exerciseTitle"]);
  });

  it("with sharePracticeLog off, even the log line disappears", async () => {
    await client.caller.mutate("me.updateClientSettings", { sharePracticeLog: false });
    expect((await client.caller.query("me.get")).client.sharePracticeLog).toBe(false);
    expect(await forClient()).toEqual({
      shared: [],
      privatePractice: [],
      practiceLogShared: false,
    });
    expectNoCanary(await sweep(therapist));
  });

  it("once shared, the therapist sees its words (and only in the shared entries)", async () => {
    await client.caller.mutate("entries.setSharing", { id: entryId, shared: true });
    const view = await forClient();
    expect(view.privatePractice).toEqual([]);
    expect(view.shared).toHaveLength(1);
    expect(view.shared[0]).toMatchObject({
      id: entryId,
      definition: { title: "The loved-one test" },
      answers: {
        reframe: {
          harsh: HARSH,
          kinder: KINDER,
          harshRatings: HARSH_RATINGS,
          kinderRatings: KINDER_RATINGS,
        },
        noticed: NOTICED,
      },
    });
    // The draft stays private whatever happens to the other entry.
    expect(JSON.stringify(view)).not.toContain(`${CANARY}-draft`);
    expectNoCanary(await sweep(therapist), ["entries.forClient"]);
    expectNoCanary(await sweep(otherTherapist));
  });

  it("un-shared, the words are gone again", async () => {
    await client.caller.mutate("entries.setSharing", { id: entryId, shared: false });
    expect(await forClient()).toEqual({
      shared: [],
      privatePractice: [],
      practiceLogShared: false,
    });
    expectNoCanary(await sweep(therapist));
  });

  it("with the log back on, only the date and title come back", async () => {
    await client.caller.mutate("me.updateClientSettings", { sharePracticeLog: true });
    const view = await forClient();
    expect(view.shared).toEqual([]);
    expect(view.privatePractice).toEqual([
      { completedAt: expect.any(String), exerciseTitle: "The loved-one test" },
    ]);
    expectNoCanary(await sweep(therapist));
  });
});

function appRouterProc(path: string): Proc {
  return (appRouter._def.procedures as unknown as Record<string, Proc>)[path]!;
}

describe("at rest", () => {
  const cipherOf = () => FieldCipher.fromSpec(api.env.DATA_ENCRYPTION_KEY);

  it("the entry's words are ciphertext that names the key and decrypts only with it and the entry id", async () => {
    const row = await api.db
      .selectFrom("entry")
      .selectAll()
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();
    const token = row.words_ciphertext!;
    const cipher = cipherOf();
    expect(cipher.currentKeyId).toBe("test1");
    expect(token.startsWith("v1.test1.")).toBe(true);
    expect(token.split(".")).toHaveLength(5);
    expect(token).not.toContain(CANARY);

    expect(cipher.decryptJson(token, entryId)).toEqual({
      reframe: { harsh: HARSH, kinder: KINDER },
      noticed: NOTICED,
    });
    // Another row's id as associated data: refused (the ciphertext cannot be moved).
    expect(() => cipher.decrypt(token, draftId)).toThrow();
    expect(() => cipher.decrypt(token, "")).toThrow();
    // Another key under the same id: refused.
    const stranger = FieldCipher.fromSpec(FieldCipher.generateSpec("test1"));
    expect(() => stranger.decrypt(token, entryId)).toThrow();
    // A key ring without that key id cannot even try.
    const otherRing = FieldCipher.fromSpec(FieldCipher.generateSpec("other"));
    expect(() => otherRing.decrypt(token, entryId)).toThrow(/test1/);
  });

  it("the draft's words are encrypted the same way", async () => {
    const row = await api.db
      .selectFrom("entry")
      .select(["words_ciphertext", "measures"])
      .where("id", "=", draftId)
      .executeTakeFirstOrThrow();
    expect(row.words_ciphertext!.startsWith("v1.test1.")).toBe(true);
    expect(cipherOf().decryptJson(row.words_ciphertext!, draftId)).toEqual({ words: DRAFT_WORDS });
    expect(row.measures).toEqual({ "intensity-before": 6 });
  });

  it("the ratings are plain JSON that SQL can read", async () => {
    const row = await api.db
      .selectFrom("entry")
      .select(["measures"])
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();
    expect(row.measures).toEqual({
      reframe: { harshRatings: HARSH_RATINGS, kinderRatings: KINDER_RATINGS },
    });
    const { rows } = await sql<{ harsh: string; kinder: string }>`
      select measures->'reframe'->'harshRatings'->>'dismissed-validated' as harsh,
             measures->'reframe'->'kinderRatings'->>'stuck-motivated' as kinder
      from entry where id = ${entryId}`.execute(api.db);
    expect(rows).toEqual([{ harsh: "3", kinder: "7" }]);
  });

  it("the therapist's assignment note is encrypted too, bound to the assignment", async () => {
    const row = await api.db
      .selectFrom("assignment")
      .select(["id", "note_ciphertext"])
      .where("client_id", "=", client.id)
      .executeTakeFirstOrThrow();
    expect(row.note_ciphertext!.startsWith("v1.test1.")).toBe(true);
    expect(cipherOf().decrypt(row.note_ciphertext!, row.id)).toBe(NOTE);
  });

  it("a pg_dump of the database holds no canary, but does hold the ratings", async () => {
    const dump = await dataDump(api.database.url);
    // The dump really has the practice data in it (so an empty dump cannot pass).
    const copy = dump.indexOf("COPY public.entry ");
    expect(copy, "the dump has no entry table").toBeGreaterThan(-1);
    expect(dump).toContain(entryId);
    expect(dump).toContain(draftId);

    expect(dump).not.toContain(CANARY);
    expect(dump).not.toContain(NOTE_CANARY);

    const line = dump
      .slice(copy)
      .split("\n")
      .find((l) => l.startsWith(`${entryId}\t`));
    expect(line, "the entry's row is in the dump").toBeDefined();
    const measures = line!
      .split("\t")
      .filter((field) => field.startsWith("{"))
      .map((field) => JSON.parse(field));
    expect(measures).toContainEqual({
      reframe: { harshRatings: HARSH_RATINGS, kinderRatings: KINDER_RATINGS },
    });
    expect(line).toContain("v1.test1.");
  });
});

/**
 * The newest pg_dump installed: Debian keeps one per major version under /usr/lib/postgresql,
 * and pg_dump refuses a server newer than itself (the embedded test server is PostgreSQL 18).
 */
function findPgDump(): string {
  const root = "/usr/lib/postgresql";
  const installed = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(`${root}/${v}/bin/pg_dump`))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  return installed[0] ? `${root}/${installed[0]}/bin/pg_dump` : "pg_dump";
}

/**
 * A data-only dump: `pg_dump --data-only` when the installed pg_dump can read the server; when
 * it is older than the server (the embedded test server is PostgreSQL 18, Debian 12 ships
 * pg_dump 15), the same rows read table by table in pg_dump's COPY text layout.
 */
async function dataDump(url: string): Promise<string> {
  try {
    return pgDump(url);
  } catch (err) {
    if (!(err instanceof Error) || !/older than the test database server/.test(err.message))
      throw err;
    console.warn(`${err.message.split(".")[0]}: reading the tables directly instead.`);
    return copyDump(url);
  }
}

async function copyDump(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      "select tablename as name from pg_tables where schemaname = 'public' order by tablename",
    );
    const out: string[] = [];
    for (const { name } of tables) {
      const r = await client.query({ text: `select * from "${name}"`, rowMode: "array" });
      out.push(`COPY public.${name} (${r.fields.map((f) => f.name).join(", ")}) FROM stdin;`);
      for (const row of r.rows as unknown[][]) {
        out.push(
          row
            .map((v) =>
              v === null
                ? "\\N"
                : v instanceof Date
                  ? v.toISOString()
                  : typeof v === "object"
                    ? JSON.stringify(v)
                    : String(v),
            )
            .join("\t"),
        );
      }
      out.push("\\.");
    }
    return out.join("\n");
  } finally {
    await client.end();
  }
}

/** `pg_dump --data-only <url>`; fails with a sentence if pg_dump is missing or cannot dump. */
function pgDump(url: string): string {
  const bin = findPgDump();
  const r = spawnSync(bin, ["--data-only", url], {
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code === "ENOENT")
    throw new Error(
      "pg_dump is not on PATH. Install the PostgreSQL client tools (e.g. apt-get install postgresql-client) to run this test.",
    );
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const why = r.stderr.trim() || "no message";
    const server = /server version: (\d+)/.exec(why)?.[1];
    if (server)
      throw new Error(
        `${bin} is older than the test database server (PostgreSQL ${server}), so it cannot dump it. Install postgresql-client-${server}, or run the tests against an older server with DATABASE_URL. pg_dump said: ${why}`,
      );
    throw new Error(`pg_dump failed (exit ${r.status}): ${why}`);
  }
  return r.stdout;
}
