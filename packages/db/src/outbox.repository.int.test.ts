import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimDueEmails, enqueueEmail } from "./outbox.repository.ts";
import { createTestDatabase, type TestDatabase } from "./testing/index.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const email = (key: string, notBefore?: Date) => ({
  idempotencyKey: key,
  template: "magic-link",
  to: "sam@example.org",
  data: { url: "https://tend.example/x", name: "Sam" },
  ...(notBefore ? { notBefore } : {}),
});

describe("claimDueEmails", () => {
  it("claims a row queued just now, even when the caller's clock reads a moment earlier", async () => {
    await enqueueEmail(t.db, email("just-now"));
    // JavaScript's clock is milliseconds (truncated), the row's time PostgreSQL's (microseconds):
    // a claim in the same millisecond reads as slightly before the row.
    const rows = await claimDueEmails(t.db, {
      limit: 10,
      leaseSeconds: 5,
      now: new Date(Date.now() - 50),
    });
    expect(rows.map((r) => r.idempotency_key)).toEqual(["just-now"]);
    expect(rows[0]!.status).toBe("sending");
  });

  it("claims inside the caller's transaction too, leaving its planner settings as they were", async () => {
    await enqueueEmail(t.db, email("in-a-transaction"));
    const { keys, setting } = await t.db.transaction().execute(async (trx) => {
      const rows = await claimDueEmails(trx, { limit: 10, leaseSeconds: 5 });
      const { rows: shown } = await sql<{
        enable_bitmapscan: string;
      }>`show enable_bitmapscan`.execute(trx);
      return { keys: rows.map((r) => r.idempotency_key), setting: shown[0]?.enable_bitmapscan };
    });
    expect(keys).toEqual(["in-a-transaction"]);
    expect(setting).toBe("on");
  });

  it("leaves a row that is not due by either clock, and a claimed row until its lease ends", async () => {
    await enqueueEmail(t.db, email("later", new Date(Date.now() + 60_000)));
    expect(await claimDueEmails(t.db, { limit: 10, leaseSeconds: 5 })).toEqual([]);
    // The rows claimed above are still leased (5 s).
    const atLeaseEnd = new Date(Date.now() + 6_000);
    const again = await claimDueEmails(t.db, { limit: 10, leaseSeconds: 5, now: atLeaseEnd });
    expect(again.map((r) => r.idempotency_key).sort()).toEqual(["in-a-transaction", "just-now"]);
    expect(again.map((r) => r.attempts)).toEqual([2, 2]);
  });
});
