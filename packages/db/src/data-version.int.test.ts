/**
 * Data versions (migrations 2026_11_28_090000 and 110000): what moves them, and that a bulk
 * statement or a whole transaction moves each user's version once, not once per row.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncCatalog } from "./exercise.repository.ts";
import { createTestDatabase, type TestDatabase } from "./testing/index.ts";

let t: TestDatabase;
let exerciseId: string;
const N = 2_000;

const version = async (id: string) =>
  (
    await t.db
      .selectFrom("user")
      .select("data_version")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).data_version;

beforeAll(async () => {
  t = await createTestDatabase();
  await syncCatalog(t.db);
  exerciseId = (await t.db.selectFrom("exercise").select("id").limit(1).executeTakeFirstOrThrow())
    .id;
  await sql`insert into "user" (id, name, email, "emailVerified", role)
            values ('ther', 'Dr. Many', 'many@example.org', true, 'therapist'),
                   ('other', 'Dr. Other', 'other@example.org', true, 'therapist')`.execute(t.db);
  await sql`insert into "user" (id, name, email, "emailVerified", role)
            select 'c' || g, 'Client ' || g, 'c' || g || '@example.org', true, 'client'
              from generate_series(1, ${N}::int) g`.execute(t.db);
  await sql`insert into client_profile (user_id, therapist_id, time_zone)
            select 'c' || g, 'ther', 'UTC' from generate_series(1, ${N}::int) g`.execute(t.db);
});
afterAll(async () => {
  await t?.drop();
});

describe("data versions", () => {
  it("a statement writing many rows moves each user once", async () => {
    const [ther, c1, other] = [await version("ther"), await version("c1"), await version("other")];
    await sql`insert into assignment (therapist_id, client_id, exercise_id, schedule, start_date)
              select 'ther', 'c' || g, ${exerciseId}, '{"kind":"flexible","timesPerWeek":2}'::jsonb,
                     '2026-01-05'::date
                from generate_series(1, ${N}::int) g`.execute(t.db);
    expect(await version("ther")).toBe(ther + 1);
    expect(await version("c1")).toBe(c1 + 1);
    expect(await version("other")).toBe(other);
  });

  it("a transaction moves each user once, however many statements touch them", async () => {
    const ther = await version("ther");
    await t.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("assignment")
        .set({ status: "paused" })
        .where("client_id", "=", "c1")
        .execute();
      await trx
        .updateTable("assignment")
        .set({ status: "active" })
        .where("client_id", "=", "c2")
        .execute();
      await trx
        .updateTable("client_profile")
        .set({ time_zone: "Europe/Paris" })
        .where("user_id", "=", "c3")
        .execute();
    });
    expect(await version("ther")).toBe(ther + 1);
  });

  it("only shown columns move a version: the worker's next times do not", async () => {
    const [ther, c1] = [await version("ther"), await version("c1")];
    await t.db.updateTable("assignment").set({ next_reminder_at: new Date() }).execute();
    await t.db.updateTable("client_profile").set({ next_summary_at: new Date() }).execute();
    expect([await version("ther"), await version("c1")]).toEqual([ther, c1]);
    await t.db
      .updateTable("assignment")
      .set({ end_date: "2027-01-01" })
      .where("client_id", "=", "c1")
      .execute();
    expect([await version("ther"), await version("c1")]).toEqual([ther + 1, c1 + 1]);
  });

  it("deleting many clients (with their cascades) moves their therapist once", async () => {
    const ther = await version("ther");
    const r = await t.db
      .deleteFrom("user")
      .where("role", "=", "client")
      .where("id", "like", "c1%")
      .executeTakeFirst();
    expect(Number(r.numDeletedRows)).toBeGreaterThan(100);
    expect(await version("ther")).toBe(ther + 1);
  });
});
