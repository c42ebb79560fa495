import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "../create-db.ts";
import { syncCatalog } from "../exercise.repository.ts";
import { migrateToLatest } from "../migrate.ts";
import { testRedisUrl, testServerUrl } from "./test-env.ts";

export { testRedisUrl, testServerUrl };

export type TestDatabase = { db: Db; url: string; drop: () => Promise<void> };

/** A fresh, migrated database of its own for one test file, dropped afterwards. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = new URL(testServerUrl());
  const name = `tend_t_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), { max: 8, applicationName: "tend-test" });
  await migrateToLatest(db);
  await syncCatalog(db);
  return {
    db,
    url: url.toString(),
    drop: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: server.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
