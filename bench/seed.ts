// The bench's data set: therapists, clients, six months of practice, assignments, session notes
// and outbox history, written with COPY (pg-copy-streams) into a fresh database.
//
//   npm run bench:seed                      # 1,000 therapists, 30,000 clients, ~2,000,000 entries
//   npm run bench:seed -- --entries 500000  # a smaller run (say so when you report numbers)
//
// Shortcuts, because the bench measures reads, not crypto or hashing:
// - Every bench user has the same password, hashed once (argon2id, as the API hashes it).
// - Clients' words are AES-256-GCM ciphertexts as the API writes them. A ciphertext is bound to
//   its row (the entry id is the associated data), so a copied one cannot be decrypted. The
//   seeder encrypts one per row only for the entries the benchmarked reads decrypt (shared
//   entries that are flagged for session or are weekly reflections, as the review screen shows
//   them) and for every assignment note and week note; every other entry reuses one of a
//   handful of ciphertexts made once. Reading such an entry's words (entries.get, exports)
//   would fail in this database: the bench does not.
import { once } from "node:events";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { CATALOG, type ExerciseDefinition, type Step } from "@tend/core";
import { createDb, type Db, FieldCipher, migrateToLatest, syncCatalog } from "@tend/db";
import { sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { hashPassword } from "../apps/api/src/auth/password.ts";
import {
  BENCH_DATA_KEY,
  BENCH_DB,
  BENCH_PASSWORD,
  fmt,
  prng,
  recreateDatabase,
} from "./lib/env.ts";
import { progressBar } from "./lib/progress.ts";

export type SeedOptions = {
  therapists: number;
  clientsPerTherapist: number;
  entries: number;
  outbox: number;
  /** Days of history. */
  days: number;
};

export const DEFAULT_SEED: SeedOptions = {
  therapists: 1_000,
  clientsPerTherapist: 30,
  entries: 2_000_000,
  outbox: 500_000,
  days: 182,
};

export type SeedReport = {
  seconds: number;
  counts: Record<string, number>;
  /** Sample ids for the load tests. */
  sample: { therapistEmails: string[]; clientEmails: string[] };
};

const DAY = 24 * 3600_000;
const ZONES = [
  "Europe/London",
  "Europe/Paris",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Asia/Tokyo",
  "Australia/Sydney",
  "UTC",
];
/** Each client's three assignments come from these, rotated (weekly reflection is common). */
const ASSIGNED = [
  ["loved-one-test", "soothing-touch", "weekly-reflection"],
  ["noticing-inner-voice", "speaking-by-name", "weekly-reflection"],
  ["kindness-toward-difficulty", "loved-one-test", "what-holds-me-back"],
  ["repair-without-shame", "checking-inputs", "weekly-reflection"],
];
const PHRASES = [
  ["I always mess this up", "I am learning, and learning is messy"],
  ["Nobody wants to hear from me", "My friends have told me they like hearing from me"],
  ["I should be over this by now", "Healing takes the time it takes"],
  ["I was so stupid in that meeting", "I was tired and did my best with what I had"],
];

export const therapistEmail = (i: number) => `bench-therapist-${i}@bench.tend.test`;
export const clientEmail = (i: number) => `bench-client-${i}@bench.tend.test`;

/** Text-format COPY field. */
function f(v: string | number | boolean | Date | null | undefined): string {
  if (v === null || v === undefined) return "\\N";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return String(v);
  return v.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}
const line = (...values: Parameters<typeof f>[0][]) => `${values.map(f).join("\t")}\n`;

/** Stream rows into one table with COPY, respecting back-pressure, 256 kB at a time. */
async function copyRows(
  pool: pg.Pool,
  table: string,
  columns: string[],
  total: number,
  rows: () => Generator<string>,
  label = table,
): Promise<number> {
  const client = await pool.connect();
  const bar = progressBar(label, total);
  let n = 0;
  try {
    // Bulk load without row triggers (the data-version triggers would update a user row per
    // entry): every user's data_version starts at 0, which is right for data nobody has seen.
    await client.query("set session_replication_role = replica");
    const stream = client.query(
      copyFrom(`copy "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`),
    );
    const done = new Promise<void>((resolve, reject) => {
      stream.on("finish", () => resolve());
      stream.on("error", reject);
    });
    let chunk = "";
    for (const row of rows()) {
      chunk += row;
      n++;
      if (chunk.length > 256 * 1024) {
        if (!stream.write(chunk)) await once(stream, "drain");
        chunk = "";
        bar.tick(n);
      }
    }
    if (chunk) stream.write(chunk);
    stream.end();
    await done;
  } finally {
    await client.query("reset session_replication_role").catch(() => {});
    client.release();
  }
  bar.done(n);
  return n;
}

/** Plausible answers for one exercise version: measures plain, words to be encrypted. */
function answersFor(def: ExerciseDefinition, r: () => number) {
  const measures: Record<string, unknown> = {};
  const words: Record<string, unknown> = {};
  const rating = () => Math.floor(r() * 11);
  const phrase = PHRASES[Math.floor(r() * PHRASES.length)]!;
  for (const step of def.steps as Step[]) {
    switch (step.kind) {
      case "bipolar":
      case "intensity":
        measures[step.id] = rating();
        break;
      case "timer":
        measures[step.id] = { elapsedSeconds: Math.floor(step.seconds * (0.5 + r() / 2)) };
        break;
      case "choice":
        measures[step.id] = [step.options[Math.floor(r() * step.options.length)]!.id];
        break;
      case "checklist":
        measures[step.id] = step.items.filter(() => r() < 0.5).map((i) => i.id);
        break;
      case "reframe": {
        const harsh = Math.floor(r() * 4);
        const kinder = 5 + Math.floor(r() * 6);
        measures[step.id] = {
          harshRatings: Object.fromEntries(step.scales.map((s) => [s.id, harsh])),
          kinderRatings: Object.fromEntries(step.scales.map((s) => [s.id, kinder])),
        };
        words[step.id] = { harsh: phrase[0], kinder: phrase[1] };
        break;
      }
      case "text":
        words[step.id] = "It felt a little softer than last time.";
        break;
      default:
        break;
    }
  }
  return { measures, words };
}

export async function seedBenchData(
  db: Db,
  databaseUrl: string,
  options: SeedOptions = DEFAULT_SEED,
): Promise<SeedReport> {
  const started = performance.now();
  const cipher = FieldCipher.fromSpec(BENCH_DATA_KEY);
  const now = new Date();
  const nClients = options.therapists * options.clientsPerTherapist;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const counts: Record<string, number> = {};

  // The built-in exercises, their current version, and a few answer sets per exercise.
  const versions = await db
    .selectFrom("exercise as e")
    .innerJoin("exercise_version as v", (j) =>
      j.onRef("v.exercise_id", "=", "e.id").onRef("v.version", "=", "e.current_version"),
    )
    .select(["e.id as exerciseId", "e.slug", "v.id as versionId"])
    .where("e.slug", "is not", null)
    .execute();
  const bySlug = new Map(versions.map((v) => [v.slug!, v]));
  const answerRng = prng(7);
  const answerSets = new Map(
    CATALOG.map((c) => [
      c.slug,
      Array.from({ length: 4 }, () => {
        const { measures, words } = answersFor(c.definition, answerRng);
        return {
          measures: JSON.stringify(measures),
          words,
          // Made once, reused by entries whose words no benchmarked read decrypts.
          reused: cipher.encryptJson(words, "bench-reused"),
        };
      }),
    ]),
  );

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const therapistIds = Array.from({ length: options.therapists }, () => crypto.randomUUID());
  const clientIds = Array.from({ length: nClients }, () => crypto.randomUUID());
  const therapistOf = (c: number) => Math.floor(c / options.clientsPerTherapist);
  const zoneOf = (c: number) => ZONES[c % ZONES.length]!;
  const joinedAt = new Date(now.getTime() - options.days * DAY - 7 * DAY);

  counts.users = await copyRows(
    pool,
    "user",
    ["id", "name", "email", "emailVerified", "createdAt", "updatedAt", "twoFactorEnabled", "role"],
    options.therapists + nClients,
    function* () {
      for (let t = 0; t < options.therapists; t++)
        yield line(
          therapistIds[t]!,
          `Therapist ${t}`,
          therapistEmail(t),
          true,
          joinedAt,
          joinedAt,
          false,
          "therapist",
        );
      for (let c = 0; c < nClients; c++)
        yield line(
          clientIds[c]!,
          `Client ${c}`,
          clientEmail(c),
          true,
          joinedAt,
          joinedAt,
          false,
          "client",
        );
    },
    "users",
  );

  counts.accounts = await copyRows(
    pool,
    "account",
    ["id", "accountId", "providerId", "userId", "password", "createdAt", "updatedAt"],
    options.therapists + nClients,
    function* () {
      for (const id of [...therapistIds, ...clientIds])
        yield line(crypto.randomUUID(), id, "credential", id, passwordHash, joinedAt, joinedAt);
    },
    "accounts",
  );

  counts.therapist_settings = await copyRows(
    pool,
    "therapist_settings",
    ["user_id", "time_zone", "digest_emails", "digest_day", "digest_time", "next_digest_at"],
    options.therapists,
    function* () {
      const r = prng(11);
      for (let t = 0; t < options.therapists; t++)
        // Digests planned in the coming days: none falls due during the bench.
        yield line(
          therapistIds[t]!,
          zoneOf(t),
          true,
          1,
          "07:00",
          new Date(now.getTime() + DAY + r() * 6 * DAY),
        );
    },
    "therapist_settings",
  );

  counts.client_profiles = await copyRows(
    pool,
    "client_profile",
    [
      "user_id",
      "therapist_id",
      "time_zone",
      "share_practice_log",
      "created_at",
      "summary_emails",
      "summary_day",
      "summary_time",
      "next_summary_at",
      "week_note_ciphertext",
      "week_note_updated_at",
    ],
    nClients,
    function* () {
      const r = prng(13);
      for (let c = 0; c < nClients; c++) {
        const id = clientIds[c]!;
        const note =
          c % 2 === 0
            ? cipher.encrypt("Small steps count. Mornings are for tea first.", `week-note:${id}`)
            : null;
        yield line(
          id,
          therapistIds[therapistOf(c)]!,
          zoneOf(c),
          r() < 0.7,
          joinedAt,
          true,
          1 + (c % 7),
          "18:00",
          // Next summaries spread over the coming week: none falls due unless the bench says so.
          new Date(now.getTime() + DAY + r() * 6 * DAY),
          note,
          note ? new Date(now.getTime() - r() * 7 * DAY) : null,
        );
      }
    },
    "client_profiles",
  );

  counts.invitations = await copyRows(
    pool,
    "invitation",
    [
      "therapist_id",
      "name",
      "email",
      "token_hash",
      "expires_at",
      "accepted_at",
      "client_user_id",
      "created_at",
      "last_sent_at",
    ],
    nClients + options.therapists * 2,
    function* () {
      const rnd = () => crypto.randomUUID().replace(/-/g, "");
      for (let c = 0; c < nClients; c++) {
        const at = joinedAt;
        yield line(
          therapistIds[therapistOf(c)]!,
          `Client ${c}`,
          clientEmail(c),
          rnd() + rnd(),
          new Date(at.getTime() + 7 * DAY),
          at,
          clientIds[c]!,
          at,
          at,
        );
      }
      // Two still open per therapist.
      for (let t = 0; t < options.therapists; t++)
        for (let k = 0; k < 2; k++) {
          const at = new Date(now.getTime() - (k + 1) * DAY);
          yield line(
            therapistIds[t]!,
            `Invitee ${t}-${k}`,
            `bench-invitee-${t}-${k}@bench.tend.test`,
            rnd() + rnd(),
            new Date(at.getTime() + 7 * DAY),
            null,
            null,
            at,
            at,
          );
        }
    },
    "invitations",
  );

  // Three assignments a client: most active on set days, one flexible; some paused or ended.
  const assignmentIds: string[][] = [];
  const assignmentSlugs: string[][] = [];
  const startDate = joinedAt.toISOString().slice(0, 10);
  counts.assignments = await copyRows(
    pool,
    "assignment",
    [
      "id",
      "therapist_id",
      "client_id",
      "exercise_id",
      "note_ciphertext",
      "schedule",
      "start_date",
      "status",
      "created_at",
      "updated_at",
      "next_reminder_at",
      "next_occurrence_at",
    ],
    nClients * 3,
    function* () {
      const r = prng(17);
      for (let c = 0; c < nClients; c++) {
        const slugs = ASSIGNED[c % ASSIGNED.length]!;
        const ids: string[] = [];
        for (let k = 0; k < 3; k++) {
          const id = crypto.randomUUID();
          ids.push(id);
          const slug = slugs[k]!;
          const schedule =
            k === 2
              ? { kind: "flexible", timesPerWeek: 2 }
              : { kind: "days", days: k === 0 ? [1, 3, 5] : [2, 4, 6], times: ["08:30"] };
          const x = r();
          const status = x < 0.05 ? "ended" : x < 0.15 ? "paused" : "active";
          // The next reminder somewhere in the coming two days (none due during the bench).
          const next =
            status === "active" && schedule.kind === "days"
              ? new Date(now.getTime() + 3600_000 + r() * 2 * DAY)
              : null;
          yield line(
            id,
            therapistIds[therapistOf(c)]!,
            clientIds[c]!,
            bySlug.get(slug)!.exerciseId,
            k === 0 ? cipher.encrypt("Try it after your morning walk.", id) : null,
            JSON.stringify(schedule),
            startDate,
            status,
            joinedAt,
            joinedAt,
            next,
            next,
          );
        }
        assignmentIds.push(ids);
        assignmentSlugs.push(slugs);
      }
    },
    "assignments",
  );

  // Entries: ~`entries` completed practices over `days`, plus an open draft for every fifth client.
  const perClient = options.entries / nClients;
  const catalogSlugs = CATALOG.map((c) => c.slug);
  counts.entries = await copyRows(
    pool,
    "entry",
    [
      "id",
      "client_id",
      "assignment_id",
      "exercise_version_id",
      "status",
      "words_ciphertext",
      "measures",
      "shared_at",
      "flagged_for_session",
      "started_at",
      "updated_at",
      "completed_at",
    ],
    options.entries,
    function* () {
      const r = prng(19);
      for (let c = 0; c < nClients; c++) {
        const n = Math.floor(perClient * (0.5 + r()));
        for (let k = 0; k < n; k++) {
          const fromAssignment = r() < 0.8;
          const a = Math.floor(r() * 3);
          const slug = fromAssignment
            ? assignmentSlugs[c]![a]!
            : catalogSlugs[Math.floor(r() * catalogSlugs.length)]!;
          const set = answerSets.get(slug)![Math.floor(r() * 4)]!;
          const completed = new Date(now.getTime() - 3600_000 - r() * options.days * DAY);
          const shared = r() < 0.4;
          const flagged = shared && r() < 0.1;
          const id = crypto.randomUUID();
          // Encrypted for its own row where a benchmarked read decrypts it (see the top).
          const readByReview = shared && (flagged || slug === "weekly-reflection");
          yield line(
            id,
            clientIds[c]!,
            fromAssignment ? assignmentIds[c]![a]! : null,
            bySlug.get(slug)!.versionId,
            "complete",
            readByReview ? cipher.encryptJson(set.words, id) : set.reused,
            set.measures,
            shared ? new Date(completed.getTime() + 60_000) : null,
            flagged,
            new Date(completed.getTime() - 10 * 60_000),
            completed,
            completed,
          );
        }
        if (c % 5 === 0) {
          const id = crypto.randomUUID();
          const at = new Date(now.getTime() - r() * 3 * DAY);
          yield line(
            id,
            clientIds[c]!,
            assignmentIds[c]![0]!,
            bySlug.get(assignmentSlugs[c]![0]!)!.versionId,
            "draft",
            null,
            "{}",
            null,
            false,
            at,
            at,
            null,
          );
        }
      }
    },
    "entries",
  );

  // A session every two weeks for the last twelve weeks.
  const reusedNote = cipher.encrypt("Talked about mornings.", "bench-reused");
  counts.session_notes = await copyRows(
    pool,
    "session_note",
    ["therapist_id", "client_id", "session_date", "note_ciphertext", "created_at", "updated_at"],
    nClients * 6,
    function* () {
      for (let c = 0; c < nClients; c++) {
        for (let k = 0; k < 6; k++) {
          const at = new Date(now.getTime() - (1 + (c % 14) + k * 14) * DAY);
          yield line(
            therapistIds[therapistOf(c)]!,
            clientIds[c]!,
            at.toISOString().slice(0, 10),
            reusedNote,
            at,
            at,
          );
        }
      }
    },
    "session_notes",
  );

  // Outbox history: emails already sent (weekly summaries and reminders), newest last.
  counts.outbox = await copyRows(
    pool,
    "outbox",
    [
      "idempotency_key",
      "template",
      "to_address",
      "data",
      "status",
      "attempts",
      "next_attempt_at",
      "created_at",
      "sent_at",
      "message_id",
    ],
    options.outbox,
    function* () {
      const r = prng(23);
      for (let k = 0; k < options.outbox; k++) {
        const c = k % nClients;
        const at = new Date(now.getTime() - r() * options.days * DAY);
        const summary = k % 3 === 0;
        yield line(
          `${summary ? "summary" : "reminder"}:bench-${k}:${at.toISOString()}`,
          summary ? "weekly-summary" : "practice-reminder",
          clientEmail(c),
          JSON.stringify({ clientId: clientIds[c], name: `Client ${c}` }),
          "sent",
          1,
          at,
          at,
          new Date(at.getTime() + 2_000),
          `<bench-${k}@tend.local>`,
        );
      }
    },
    "outbox",
  );

  const vacuum = progressBar("vacuum analyze", 1);
  await sql`vacuum (analyze)`.execute(db);
  vacuum.done();
  await pool.end();

  return {
    seconds: (performance.now() - started) / 1000,
    counts,
    sample: {
      therapistEmails: Array.from({ length: options.therapists }, (_, i) => therapistEmail(i)),
      clientEmails: Array.from({ length: nClients }, (_, i) => clientEmail(i)),
    },
  };
}

/** A fresh `tend_bench`, migrated (migrateToLatest + syncCatalog), then seeded. */
export async function createSeededDatabase(options: SeedOptions = DEFAULT_SEED) {
  const url = await recreateDatabase(BENCH_DB);
  const db = createDb(url, { max: 2, applicationName: "tend-bench-seed" });
  try {
    await migrateToLatest(db);
    await syncCatalog(db);
    const report = await seedBenchData(db, url, options);
    return { url, report };
  } finally {
    await db.destroy();
  }
}

export function seedOptionsFromArgs(values: Record<string, string | boolean | undefined>) {
  const num = (key: string, fallback: number) => {
    const raw = values[key];
    if (raw === undefined || typeof raw === "boolean") return fallback;
    const n = Number(String(raw).replace(/_/g, ""));
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${key} must be a whole number`);
    return n;
  };
  return {
    therapists: num("therapists", DEFAULT_SEED.therapists),
    clientsPerTherapist: num("clients-per-therapist", DEFAULT_SEED.clientsPerTherapist),
    entries: num("entries", DEFAULT_SEED.entries),
    outbox: num("outbox", DEFAULT_SEED.outbox),
    days: DEFAULT_SEED.days,
  } satisfies SeedOptions;
}

export const seedArgOptions = {
  therapists: { type: "string" },
  "clients-per-therapist": { type: "string" },
  entries: { type: "string" },
  outbox: { type: "string" },
} as const;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: seedArgOptions });
  const options = seedOptionsFromArgs(values);
  console.log(
    `seeding ${BENCH_DB}: ${fmt(options.therapists)} therapists, ${fmt(options.therapists * options.clientsPerTherapist)} clients, ~${fmt(options.entries)} entries, ${fmt(options.outbox)} outbox rows`,
  );
  const { report } = await createSeededDatabase(options);
  for (const [table, n] of Object.entries(report.counts))
    console.log(`  ${table.padEnd(20)} ${fmt(n)}`);
  console.log(`seeded in ${report.seconds.toFixed(1)} s`);
}
