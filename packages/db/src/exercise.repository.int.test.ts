import { CATALOG } from "@tend/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listBuiltInExercises, syncCatalog } from "./exercise.repository.ts";
import { createTestDatabase, type TestDatabase } from "./testing/index.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe("built-in catalog in PostgreSQL", () => {
  it("lists every catalog exercise once, in catalog order", async () => {
    const list = await listBuiltInExercises(t.db);
    expect(list.map((e) => e.slug)).toEqual(CATALOG.map((e) => e.slug));
    expect(list[0]?.definition).toEqual(CATALOG[0]?.definition);
    expect(list.every((e) => e.version === 1)).toBe(true);
  });

  it("is idempotent: syncing again adds no rows", async () => {
    const before = await t.db
      .selectFrom("exercise_version")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    await Promise.all([syncCatalog(t.db), syncCatalog(t.db)]);
    const after = await t.db
      .selectFrom("exercise_version")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("turns a changed definition into a new version and keeps the old one", async () => {
    const first = CATALOG[0]!;
    const row = await t.db
      .selectFrom("exercise")
      .select(["id"])
      .where("slug", "=", first.slug)
      .executeTakeFirstOrThrow();
    // Pretend the stored version is older than the code's definition.
    const stale = { ...first.definition, title: "An older title" };
    await t.db
      .updateTable("exercise_version")
      .set({ definition: JSON.stringify(stale) })
      .where("exercise_id", "=", row.id)
      .execute();
    await syncCatalog(t.db);
    const versions = await t.db
      .selectFrom("exercise_version")
      .select(["version", "definition"])
      .where("exercise_id", "=", row.id)
      .orderBy("version")
      .execute();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]?.definition.title).toBe("An older title");
    expect(versions[1]?.definition.title).toBe(first.definition.title);
    const [current] = await listBuiltInExercises(t.db);
    expect(current?.version).toBe(2);
  });
});
