// The claim at the head of every reminder sweep batch: oldest due first, `limit` of them, disjoint
// between concurrent claims (SKIP LOCKED), and its planner setting confined to itself.
import { lockDueReminders } from "@tend/db";
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDueReminders } from "../testing/seed.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe("lockDueReminders", () => {
  it("claims the oldest due first, apart from a concurrent claim, and leaves the planner as it was", async () => {
    const now = new Date();
    // Many due now (no statistics gathered: the case that once sorted every due row), a few older.
    await seedDueReminders(t.db, { count: 2_000, dueAt: new Date(now.getTime() - 60_000) });
    const older = await seedDueReminders(t.db, {
      count: 5,
      dueAt: new Date(now.getTime() - 3_600_000),
    });

    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let first: string[] = [];
    const firstTx = t.db.transaction().execute(async (trx) => {
      first = (await lockDueReminders(trx, now, 5)).map((r) => r.assignmentId);
      const { rows } = await sql<{ enable_bitmapscan: string }>`show enable_bitmapscan`.execute(
        trx,
      );
      expect(rows[0]?.enable_bitmapscan).toBe("on");
      await held;
    });
    while (first.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect(first.sort()).toEqual([...older].sort());

    const second = await t.db
      .transaction()
      .execute(async (trx) => (await lockDueReminders(trx, now, 100)).map((r) => r.assignmentId));
    release();
    await firstTx;
    expect(second).toHaveLength(100);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
  });
});
