import type { Context } from "./context.ts";
import { importWithoutExitHooks } from "./exit-hooks.ts";
import type { DatabaseInUse } from "./postgres.ts";
import { StartError } from "./start-error.ts";

/** Apply pending migrations and sync the built-in exercise catalog, before any child starts. */
export async function migrate(ctx: Context, database: DatabaseInUse): Promise<void> {
  const { createDb, migrateToLatest, syncCatalog } = await importWithoutExitHooks(
    () => import("../../packages/db/src/index.ts"),
  );
  const db = createDb(database.url, { max: 2, applicationName: "tend-start" });
  try {
    const applied = await migrateToLatest(db);
    await syncCatalog(db);
    ctx.out.say(
      applied.length
        ? `Database migrated: ${applied.join(", ")}.`
        : "Database schema is up to date.",
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const hint = database.embedded
      ? ""
      : " Is that PostgreSQL running? Unset DATABASE_URL to use the embedded one.";
    throw new StartError(
      `Could not migrate the database at ${database.description}: ${reason}.${hint}`,
    );
  } finally {
    await db.destroy();
  }
}
