/**
 * Key rotation, as SECURITY.md tells an operator to do it: data written through the API with
 * key A; `npm run data-key:rotate` with DATA_ENCRYPTION_KEY="B,A" (interrupted once, then run
 * to the end, then again); afterwards an API with key B alone reads every word back as it was,
 * no ciphertext names A any more, and an API with A alone can no longer read them.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { dataKeyCensus, ENCRYPTED_COLUMNS, FieldCipher, rotateDataKey } from "@tend/db";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Caller, createTestApi, type TestApi } from "../testing/harness.ts";
import { createTwoTenants, type TenantData, type TwoTenants } from "../testing/two-tenants.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../../../..");
const KEY_A = `keyA:${Buffer.alloc(32, 1).toString("base64")}`;
const KEY_B = `keyB:${Buffer.alloc(32, 2).toString("base64")}`;

let w: TwoTenants;

beforeAll(async () => {
  w = await createTwoTenants({ DATA_ENCRYPTION_KEY: KEY_A });
  // A few more rows of each kind than one batch holds.
  for (const [i, tenant] of [w.a, w.b].entries()) {
    for (const d of ["2026-01-08", "2026-01-15", "2026-01-22"])
      await tenant.therapist.caller.mutate("sessionNotes.save", {
        clientId: tenant.client.id,
        sessionDate: d,
        note: `Session ${d} of tenant ${i}: a note with ünïcödé and "quotes".`,
      });
  }
});
afterAll(async () => {
  await w?.api.drop();
});

/** Everything encrypted that the API shows, for one tenant, as its therapist and client see it. */
async function readAll(api: TestApi, tenant: TenantData) {
  const as = (caller: Caller) => {
    const c = new Caller(api);
    c.cookies = new Map(caller.cookies);
    return c;
  };
  const therapist = as(tenant.therapist.caller);
  const client = as(tenant.client.caller);
  const clientId = tenant.client.id;
  return {
    sessionNotes: (await therapist.query("sessionNotes.list", { clientId })).map(
      (n: { sessionDate: string; note: string }) => [n.sessionDate, n.note],
    ),
    assignmentNotes: (await therapist.query("assignments.listForClient", { clientId })).map(
      (a: { id: string; note: string }) => [a.id, a.note],
    ),
    weekNote: (await therapist.query("review.bundle", { clientId })).weekNote,
    sharedAnswers: (await therapist.query("entries.forClient", { clientId })).shared.map(
      (e: { id: string; answers: unknown }) => [e.id, e.answers],
    ),
    ownEntries: (await client.query("entries.mine")).map((e: { id: string; answers: unknown }) => [
      e.id,
      e.answers,
    ]),
  };
}

async function rotateCli(spec: string, batchSize = 2) {
  try {
    const { stdout, stderr } = await run("npm", ["run", "--silent", "data-key:rotate"], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: w.api.database.url,
        DATA_ENCRYPTION_KEY: spec,
        ROTATE_BATCH_SIZE: String(batchSize),
      },
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

/** Every ciphertext value of every encrypted column, straight from PostgreSQL. */
async function allCiphertexts(): Promise<string[]> {
  const values: string[] = [];
  for (const c of ENCRYPTED_COLUMNS) {
    const { rows } = await sql<{ v: string }>`
      select ${sql.ref(c.column)} as v from ${sql.table(c.table)}
       where ${sql.ref(c.column)} is not null`.execute(w.api.db);
    values.push(...rows.map((r) => r.v));
  }
  return values;
}

describe("rotating DATA_ENCRYPTION_KEY", () => {
  it("re-encrypts every column to the new key, resumably and idempotently; the new key alone reads everything", async () => {
    const before = { a: await readAll(w.api, w.a), b: await readAll(w.api, w.b) };
    expect(before.a.sessionNotes.length).toBe(4);
    expect(before.a.assignmentNotes[0]![1]).toBe("A note for Ada Client");
    expect(before.a.weekNote).toBe("Week note of tenant a");
    expect(before.a.ownEntries.length).toBeGreaterThan(0);

    const census = await dataKeyCensus(w.api.db);
    for (const c of ENCRYPTED_COLUMNS)
      expect(Object.keys(census[c.name]), c.name).toEqual(["keyA"]);
    const total = (await allCiphertexts()).length;
    expect(total).toBe(14); // 2 entries, 2 assignment notes, 8 session notes, 2 week notes

    // Interrupted after one batch of 2: some values under B, the rest still under A.
    const partial = await rotateDataKey(w.api.db, FieldCipher.fromSpec(`${KEY_B},${KEY_A}`), {
      batchSize: 2,
      maxBatches: 1,
    });
    expect(partial.stoppedEarly).toBe(true);
    expect(partial.census["entry.words_ciphertext"].keyB).toBe(2);
    const mixed = await allCiphertexts();
    expect(mixed.filter((v) => FieldCipher.keyIdOf(v) === "keyB")).toHaveLength(2);
    // Meanwhile the running app (with both keys) reads everything.
    const both = await createTestApi(
      { DATA_ENCRYPTION_KEY: `${KEY_B},${KEY_A}` },
      { database: w.api.database },
    );
    expect(await readAll(both, w.a)).toEqual(before.a);

    // Run again to the end, with the command SECURITY.md gives.
    const first = await rotateCli(`${KEY_B},${KEY_A}`);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('Re-encrypting with key "keyB"');
    expect(first.out).toMatch(new RegExp(`${total - 2} value\\(s\\) re-encrypted`));
    expect(first.out).toContain('Every value is under "keyB"');

    // Idempotent: nothing left to do.
    const again = await rotateCli(`${KEY_B},${KEY_A}`);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain("0 value(s) re-encrypted");

    // Nothing names A any more…
    const after = await allCiphertexts();
    expect(after).toHaveLength(total);
    expect(after.every((v) => FieldCipher.keyIdOf(v) === "keyB")).toBe(true);
    const afterCensus = await dataKeyCensus(w.api.db);
    for (const c of ENCRYPTED_COLUMNS)
      expect(Object.keys(afterCensus[c.name]), c.name).toEqual(["keyB"]);

    // …the new key alone reads every word as it was…
    const onlyB = await createTestApi({ DATA_ENCRYPTION_KEY: KEY_B }, { database: w.api.database });
    expect({ a: await readAll(onlyB, w.a), b: await readAll(onlyB, w.b) }).toEqual(before);

    // …and the old key alone reads nothing.
    const onlyA = await createTestApi({ DATA_ENCRYPTION_KEY: KEY_A }, { database: w.api.database });
    const stale = new Caller(onlyA);
    stale.cookies = new Map(w.a.therapist.caller.cookies);
    const refused = await stale.trpc("sessionNotes.list", "query", { clientId: w.a.client.id });
    expect(refused.status).toBe(500);
  });

  it("reports a value it cannot decrypt, leaves it alone, finishes the rest and exits non-zero", async () => {
    const stray = FieldCipher.fromSpec(`keyZ:${Buffer.alloc(32, 9).toString("base64")}`);
    const { rows } = await sql<{ id: string; note_ciphertext: string }>`
      select id, note_ciphertext from assignment where note_ciphertext is not null limit 1`.execute(
      w.api.db,
    );
    const row = rows[0]!;
    const foreign = stray.encrypt("a note under a key nobody configured", row.id);
    await sql`update assignment set note_ciphertext = ${foreign} where id = ${row.id}`.execute(
      w.api.db,
    );
    try {
      const res = await rotateCli(`${KEY_B},${KEY_A}`);
      expect(res.code).toBe(1);
      expect(res.out).toMatch(/assignment\.note_ciphertext\s+re-encrypted 0, could not decrypt 1/);
      expect(res.out).toContain(`row ${row.id} (key "keyZ")`);
      expect(res.out).toContain('Some values are still under "keyZ"');
      expect(res.out).not.toContain("a note under a key nobody configured");
      const { rows: still } = await sql<{ v: string }>`
        select note_ciphertext as v from assignment where id = ${row.id}`.execute(w.api.db);
      expect(still[0]!.v).toBe(foreign);
    } finally {
      await sql`update assignment set note_ciphertext = ${row.note_ciphertext} where id = ${row.id}`.execute(
        w.api.db,
      );
    }
  });

  it("explains what it needs when run without it", async () => {
    const res = await rotateCli("");
    expect(res.code).toBe(2);
    expect(res.out).toMatch(/DATA_ENCRYPTION_KEY/);
  });
});
