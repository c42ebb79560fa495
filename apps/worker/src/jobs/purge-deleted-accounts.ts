import { type Db, type PurgedClient, purgeDeletedClients } from "@tend/db";
import type { Logger } from "../logger.ts";

/**
 * Carry out account deletions whose 7-day grace period is over: everything of those clients
 * goes, and each therapist gets one `client-left` email (queued in the same transaction, keyed
 * `client-left:<client id>`). Safe to run often and from several workers at once (SKIP LOCKED);
 * a run that dies half way leaves the rest for the next run.
 */
export async function purgeDeletedAccounts(
  db: Db,
  log: Logger,
  { now = new Date() }: { now?: Date } = {},
): Promise<PurgedClient[]> {
  const purged = await purgeDeletedClients(db, now);
  if (purged.length > 0) log.info({ count: purged.length }, "deleted accounts purged");
  return purged;
}
