// EXPLAIN (ANALYZE, BUFFERS) of the hot queries, exactly as the app sends them: the repository
// functions run against a Kysely that records each statement and its parameters, then every
// recorded statement is explained (inside a transaction that is rolled back).
//
//   npx tsx bench/explain.ts [--out bench/explain-after.md]    (on the seeded tend_bench)
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import {
  claimDueEmails,
  type Database,
  type Db,
  findClientOfTherapist,
  findTodayData,
  lastSessionDate,
  listAssignmentsOfClient,
  listClientsOfTherapist,
  listCompletionTimesForTherapist,
  listEntriesOfClient,
  listEntryFacts,
  listInvitations,
  listProgressEntries,
  lockDueReminders,
  lockDueSummaries,
  type OccurrenceRef,
  practisedOnLocalDays,
  skippedOccurrences,
} from "@tend/db";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { findSessionByToken } from "../apps/api/src/auth/session.ts";
import { BENCH_DB, databaseUrl } from "./lib/env.ts";

type Recorded = { label: string; sql: string; parameters: readonly unknown[] };

const DAY = 24 * 3600_000;

/** Run `work` on a recording Kysely; every statement it sends is kept under `label`. */
async function record(
  pool: pg.Pool,
  into: Recorded[],
  label: string,
  work: (db: Db) => Promise<unknown>,
): Promise<void> {
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === "query")
        into.push({ label, sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  // Writes (claims) are rolled back: the plans are what we want, not the changes.
  await db
    .transaction()
    .execute(async (trx) => {
      await work(trx as unknown as Db);
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
}
class Rollback extends Error {}

export async function explainHotQueries(url: string): Promise<string> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const plain = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  // A sample client (with a draft, a week note and a therapist) and their therapist.
  const client = await plain
    .selectFrom("client_profile as p")
    .innerJoin("entry as n", (j) =>
      j.onRef("n.client_id", "=", "p.user_id").on("n.status", "=", "draft"),
    )
    .select(["p.user_id", "p.therapist_id", "p.time_zone"])
    .where("p.week_note_ciphertext", "is not", null)
    .limit(1)
    .executeTakeFirstOrThrow();
  const session = await plain.selectFrom("session").select("token").limit(1).executeTakeFirst();
  const now = new Date();
  const weekAgo = new Date(now.getTime() - 7 * DAY);
  const monthAgo = new Date(now.getTime() - 28 * DAY);
  const recorded: Recorded[] = [];
  const r = (label: string, work: (db: Db) => Promise<unknown>) =>
    record(pool, recorded, label, work);

  if (session) {
    // better-auth's getSession (what every authed call ran before the fast path): the absolute
    // limit hook's delete, then the session by token, then its user.
    const user = await plain
      .selectFrom("session")
      .select("userId")
      .where("token", "=", session.token)
      .executeTakeFirstOrThrow();
    recorded.push(
      {
        label: "session (better-auth path): absolute-limit hook",
        sql: 'delete from "session" where "token" = $1 and "createdAt" < $2',
        parameters: [session.token, new Date(now.getTime() - 12 * 3600_000)],
      },
      {
        label: "session (better-auth path): session by token",
        sql: 'select * from "session" where "token" = $1 limit 1',
        parameters: [session.token],
      },
      {
        label: "session (better-auth path): user by id",
        sql: 'select * from "user" where "id" = $1 limit 1',
        parameters: [user.userId],
      },
    );
    await r("session (fast path): session + user + client profile", (db) =>
      findSessionByToken(db, session.token),
    );
  }
  // Today reads everything in one statement (findTodayData); on a cache hit it reads nothing but
  // the session (apps/api/src/cache/screen-cache.ts).
  await r("today: one statement (week note, assignments, completions, drafts)", (db) =>
    findTodayData(db, client.user_id, weekAgo, now),
  );
  await r("history: entries.mine (newest 200)", (db) => listEntriesOfClient(db, client.user_id));
  await r("clients.list: clients", (db) => listClientsOfTherapist(db, client.therapist_id));
  await r("clients.list: invitations", (db) => listInvitations(db, client.therapist_id));
  await r("review: client of therapist", (db) =>
    findClientOfTherapist(db, client.therapist_id, client.user_id),
  );
  await r("review: last session", (db) =>
    lastSessionDate(db, client.therapist_id, client.user_id, now.toISOString().slice(0, 10)),
  );
  await r("review: progress entries (shared)", (db) =>
    listProgressEntries(db, client.user_id, { from: monthAgo, to: now, sharedOnly: true }),
  );
  await r("review: completion times", (db) =>
    listCompletionTimesForTherapist(db, client.therapist_id, client.user_id, monthAgo, now),
  );
  await r("review: assignments", (db) =>
    listAssignmentsOfClient(db, client.user_id, { therapistId: client.therapist_id }),
  );
  // Claims, two days ahead: every active assignment's next reminder is due by then.
  const later = new Date(now.getTime() + 2 * DAY);
  await r("reminder claim (200 due)", async (db) => {
    const rows = await lockDueReminders(db, later, 200);
    const refs: OccurrenceRef[] = rows.map((row) => ({
      assignmentId: row.assignmentId,
      clientId: row.clientId,
      timeZone: row.timeZone,
      occurrenceAt: row.nextOccurrenceAt ?? row.nextReminderAt!,
    }));
    await skippedOccurrences(db, refs);
    await practisedOnLocalDays(db, refs);
  });
  const weekLater = new Date(now.getTime() + 7 * DAY);
  await r("summary claim (200 due)", async (db) => {
    const due = await lockDueSummaries(db, weekLater, 200);
    if (due[0]) await listEntryFacts(db, due[0].clientId, weekAgo, now);
  });
  await r("outbox claim (100)", (db) => claimDueEmails(db, { limit: 100, leaseSeconds: 120 }));

  const out: string[] = [];
  const c = await pool.connect();
  try {
    // Planner settings a function sets for its own statements (`set local …`, then `reset …`)
    // are applied to the plans of the statements between them, as they were when they ran.
    const settings = new Map<string, string>();
    let settingsOf = "";
    for (const q of recorded) {
      const text = q.sql.trim();
      if (q.label !== settingsOf) settings.clear();
      settingsOf = q.label;
      if (/^(begin|commit|rollback)/i.test(text)) continue;
      const set = /^set local (\w+)\s*=\s*(\w+)$/i.exec(text);
      if (set) {
        settings.set(set[1]!, set[2]!);
        continue;
      }
      const reset = /^reset (\w+)$/i.exec(text);
      if (reset) {
        settings.delete(reset[1]!);
        continue;
      }
      await c.query("begin");
      try {
        for (const [name, value] of settings) await c.query(`set local ${name} = ${value}`);
        const res = await c.query(`explain (analyze, buffers) ${q.sql}`, q.parameters as unknown[]);
        // Long parameter lists (batches of 200) are cut: the plan's shape is what matters.
        const cut = (text: string, max: number) =>
          text.length > max
            ? `${text.slice(0, max)} …(${text.length - max} more characters)`
            : text;
        const plan = res.rows.map((row) => cut(String(row["QUERY PLAN"]), 240)).join("\n");
        const statement = cut(q.sql.replace(/\s+/g, " ").trim(), 1200);
        const with_ = settings.size
          ? `With ${[...settings].map(([k, v]) => `\`${k} = ${v}\``).join(", ")} (set by the function for this statement).\n\n`
          : "";
        out.push(
          `### ${q.label}\n\n${with_}\`\`\`sql\n${statement}\n\`\`\`\n\n\`\`\`\n${plan}\n\`\`\`\n`,
        );
      } finally {
        await c.query("rollback");
      }
    }
  } finally {
    c.release();
    await pool.end();
  }
  return out.join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({ options: { out: { type: "string" }, db: { type: "string" } } });
  const text = await explainHotQueries(databaseUrl(values.db ?? BENCH_DB));
  if (values.out) writeFileSync(values.out, text);
  else console.log(text);
}
