import type { Db } from "@tend/db";
import { sql } from "kysely";
import type { Logger } from "../logger.ts";

export type SweepResult = { at: string; databaseTime: string };

/**
 * The periodic heartbeat: proves the scheduler → worker → database path end to end and logs
 * the database's clock. Due work has its own jobs: dispatch-outbox (emails) and
 * dispatch-scheduled-emails (reminders, weekly summaries, digests).
 */
export async function runSweep(db: Db, log: Logger): Promise<SweepResult> {
  const { rows } = await sql<{ now: Date }>`select now() as now`.execute(db);
  const result = { at: new Date().toISOString(), databaseTime: rows[0]!.now.toISOString() };
  log.info(result, "sweep ran");
  return result;
}
