import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, prepareOnEveryConnection } from "./create-db.ts";
import { createTestDatabase, type TestDatabase } from "./testing/index.ts";

let t: TestDatabase;
let db: Db;
beforeAll(async () => {
  t = await createTestDatabase();
  // One connection, so the statements below all see the same session's prepared statements.
  db = createDb(t.url, { max: 1 });
});
afterAll(async () => {
  await db?.destroy();
  await t?.drop();
});

const preparedHere = async () =>
  (
    await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)
  ).rows.map((r) => r.statement);

describe("prepared statements", () => {
  it("a registered query is prepared once on the connection, and answers for every parameter", async () => {
    const query = (name: string) =>
      db.selectFrom("user").select(["id", "name"]).where("email", "=", name);
    const text = query("x").compile().sql;
    expect(await preparedHere()).not.toContain(text);
    prepareOnEveryConnection(text);
    await db
      .insertInto("user")
      .values([
        { id: "u1", name: "Ada", email: "ada@example.com", emailVerified: true, role: "therapist" },
        { id: "u2", name: "Bo", email: "bo@example.com", emailVerified: true, role: "therapist" },
      ])
      .execute();
    expect(await query("ada@example.com").executeTakeFirst()).toEqual({ id: "u1", name: "Ada" });
    expect(await query("bo@example.com").executeTakeFirst()).toEqual({ id: "u2", name: "Bo" });
    expect(await query("nobody@example.com").executeTakeFirst()).toBeUndefined();
    expect((await preparedHere()).filter((s) => s === text)).toHaveLength(1);
  });

  it("other queries are not prepared", async () => {
    await db.selectFrom("user").select("id").where("name", "=", "Ada").execute();
    const texts = await preparedHere();
    expect(texts.some((s) => s.includes(`"name" = $1`))).toBe(false);
  });
});
