import { z } from "zod";

export function readMigrateEnv() {
  const parsed = z
    .object({ DATABASE_URL: z.string().url("DATABASE_URL must be a postgres:// URL") })
    .safeParse(process.env);
  if (!parsed.success) {
    console.error(
      "Set DATABASE_URL to the PostgreSQL database to migrate (npm start does this for you).",
    );
    process.exit(1);
  }
  return { databaseUrl: parsed.data.DATABASE_URL };
}
