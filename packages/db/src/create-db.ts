import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database.ts";

// Return int8 (e.g. count(*)) as a JS number; our counts are far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// Return `date` columns as "YYYY-MM-DD" strings: they are local calendar dates, not instants.
pg.types.setTypeParser(1082, (v) => v);

export type Db = Kysely<Database>;

/** SQL texts run as named prepared statements (see `prepareOnEveryConnection`), and their names. */
const preparedNames = new Map<string, string>();

/**
 * Run this exact SQL text as a named prepared statement on every pool connection: PostgreSQL
 * parses and plans it once per connection instead of on every call. For the few statements that
 * run on nearly every request (the session lookup), whose planning costs more than running them.
 * Pass the text Kysely compiles (`query.compile().sql`); parameters still vary per call.
 */
export function prepareOnEveryConnection(sqlText: string): void {
  if (!preparedNames.has(sqlText)) preparedNames.set(sqlText, `tend_${preparedNames.size + 1}`);
}

/** A pg client that names the registered statements (pg then prepares each once per connection). */
class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() is heavily overloaded; we pass through
  override query(config: any, values?: any, callback?: any): any {
    const name = typeof config === "string" ? preparedNames.get(config) : undefined;
    if (name && Array.isArray(values) && callback === undefined)
      return super.query({ name, text: config, values });
    return super.query(config, values, callback);
  }
}

export type CreateDbOptions = {
  /** Maximum pool size (default 10). */
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
};

/** A Kysely instance over a pg pool. Call `db.destroy()` to close the pool. */
export function createDb(connectionString: string, options: CreateDbOptions = {}): Db {
  const pool = new pg.Pool({
    Client: PreparingClient,
    connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? "tend",
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // A dropped connection (e.g. PostgreSQL restarting) must not crash the process.
  pool.on("error", () => {});
  // The pool only listens to idle clients: a connection that breaks while checked out (between
  // a transaction's statements) emits 'error' on the client itself, and with no listener that
  // kills the process. Its next query then fails ("not queryable") and the caller gets a 503.
  pool.on("connect", (client) => client.on("error", () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Cheap liveness probe used by /healthz. */
export async function pingDb(db: Db): Promise<boolean> {
  try {
    await db.selectNoFrom((eb) => eb.val(1).as("one")).execute();
    return true;
  } catch {
    return false;
  }
}
