// `npm run db:migrate`: apply pending migrations to DATABASE_URL, then sync the built-in catalog.
import { createDb } from "../create-db.ts";
import { syncCatalog } from "../exercise.repository.ts";
import { migrateToLatest } from "../migrate.ts";
import { readMigrateEnv } from "./env.ts";

const { databaseUrl } = readMigrateEnv();
const db = createDb(databaseUrl, { max: 2, applicationName: "tend-migrate" });
try {
  const applied = await migrateToLatest(db);
  await syncCatalog(db);
  console.log(
    applied.length
      ? `applied ${applied.length} migration(s): ${applied.join(", ")}`
      : "database is up to date",
  );
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
