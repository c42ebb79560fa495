import { sql } from "kysely";
import type { Db } from "./create-db.ts";
import { FieldCipher } from "./field-cipher.ts";

/**
 * Every column encrypted with DATA_ENCRYPTION_KEY, with the associated data each value is bound
 * to (as the code that writes it uses: see apps/api practice/, routers/session-notes/, review/).
 * A new encrypted column must be added here, or rotation leaves it on the old key.
 */
export const ENCRYPTED_COLUMNS = [
  {
    name: "entry.words_ciphertext",
    table: "entry",
    column: "words_ciphertext",
    key: "id",
    extra: [],
    associatedData: (r: Record<string, string>) => r.id!,
  },
  {
    name: "assignment.note_ciphertext",
    table: "assignment",
    column: "note_ciphertext",
    key: "id",
    extra: [],
    associatedData: (r: Record<string, string>) => r.id!,
  },
  {
    name: "session_note.note_ciphertext",
    table: "session_note",
    column: "note_ciphertext",
    key: "id",
    extra: ["client_id", "session_date"],
    associatedData: (r: Record<string, string>) => `session-note:${r.client_id}:${r.session_date}`,
  },
  {
    name: "client_profile.week_note_ciphertext",
    table: "client_profile",
    column: "week_note_ciphertext",
    key: "user_id",
    extra: [],
    associatedData: (r: Record<string, string>) => `week-note:${r.user_id}`,
  },
] as const;

export type EncryptedColumnName = (typeof ENCRYPTED_COLUMNS)[number]["name"];

export type ColumnRotation = {
  /** Values re-encrypted with the current key in this run. */
  rotated: number;
  /** Values that could not be decrypted (their key is not in the ring, or they were tampered with): left as they are. */
  failed: number;
  /** Why, by key id (no values, no row contents). */
  failures: Array<{ rowKey: string; keyId: string | undefined; reason: string }>;
};

export type RotationReport = {
  currentKeyId: string;
  columns: Record<EncryptedColumnName, ColumnRotation>;
  /** After the run: how many values each key id still encrypts, per column. */
  census: KeyCensus;
  /** Batches committed (each batch is one transaction). */
  batches: number;
  /** True when `maxBatches` stopped the run early (run again to go on). */
  stoppedEarly: boolean;
};

export type KeyCensus = Record<EncryptedColumnName, Record<string, number>>;

/** How many values each key id encrypts, per encrypted column (read from the ciphertexts' prefix). */
export async function dataKeyCensus(db: Db): Promise<KeyCensus> {
  const census = {} as KeyCensus;
  for (const c of ENCRYPTED_COLUMNS) {
    const { rows } = await sql<{ keyId: string; n: number }>`
      select split_part(${sql.ref(c.column)}, '.', 2) as "keyId", count(*)::int as n
        from ${sql.table(c.table)}
       where ${sql.ref(c.column)} is not null
       group by 1 order by 1`.execute(db);
    census[c.name] = Object.fromEntries(rows.map((r) => [r.keyId, r.n]));
  }
  return census;
}

/**
 * Re-encrypt every value not yet under the cipher's current key (the first in
 * DATA_ENCRYPTION_KEY), column by column, in batches of `batchSize` rows, each batch one
 * transaction holding its rows' locks (so a concurrent write from the app is never overwritten).
 * Idempotent: values already under the current key are not touched. Resumable: interrupted, it
 * goes on where it stopped when run again (it looks for values under other keys). A value that
 * cannot be decrypted is reported and left alone; the run goes on past it.
 */
export async function rotateDataKey(
  db: Db,
  cipher: FieldCipher,
  {
    batchSize = 500,
    maxBatches = Number.POSITIVE_INFINITY,
    onBatch,
  }: {
    batchSize?: number;
    /** Stop after this many batches (to spread the work, or in tests). */
    maxBatches?: number;
    onBatch?: (column: EncryptedColumnName, rotated: number) => void;
  } = {},
): Promise<RotationReport> {
  const current = cipher.currentKeyId;
  const columns = {} as Record<EncryptedColumnName, ColumnRotation>;
  let batches = 0;
  let stoppedEarly = false;

  for (const c of ENCRYPTED_COLUMNS) {
    const result: ColumnRotation = { rotated: 0, failed: 0, failures: [] };
    columns[c.name] = result;
    let after: string | null = null;
    for (;;) {
      if (batches >= maxBatches) {
        stoppedEarly = true;
        break;
      }
      const { size, last } = await db.transaction().execute(async (trx) => {
        const { rows } = await sql<Record<string, string>>`
          select ${sql.ref(c.key)}::text as "rowKey", ${sql.ref(c.column)} as ciphertext,
                 ${sql.join([sql.ref(c.key), ...c.extra.map((e) => sql.ref(e))])}
            from ${sql.table(c.table)}
           where ${sql.ref(c.column)} is not null
             and split_part(${sql.ref(c.column)}, '.', 2) <> ${current}
             ${after === null ? sql`` : sql`and ${sql.ref(c.key)} > ${after}`}
           order by ${sql.ref(c.key)}
           limit ${batchSize}
             for update`.execute(trx);
        for (const row of rows) {
          const old = row.ciphertext!;
          const ad = c.associatedData(row);
          let plaintext: string;
          try {
            plaintext = cipher.decrypt(old, ad);
          } catch (err) {
            result.failed++;
            result.failures.push({
              rowKey: row.rowKey!,
              keyId: FieldCipher.keyIdOf(old),
              reason: (err as Error).message,
            });
            continue;
          }
          await sql`update ${sql.table(c.table)}
                       set ${sql.ref(c.column)} = ${cipher.encrypt(plaintext, ad)}
                     where ${sql.ref(c.key)} = ${row[c.key]}
                       and ${sql.ref(c.column)} = ${old}`.execute(trx);
          result.rotated++;
        }
        return { size: rows.length, last: rows.at(-1)?.[c.key] ?? null };
      });
      batches++;
      if (size > 0) onBatch?.(c.name, size);
      if (size < batchSize || last === null) break;
      after = last;
    }
    if (stoppedEarly) break;
  }
  for (const c of ENCRYPTED_COLUMNS) columns[c.name] ??= { rotated: 0, failed: 0, failures: [] };
  return { currentKeyId: current, columns, census: await dataKeyCensus(db), batches, stoppedEarly };
}
