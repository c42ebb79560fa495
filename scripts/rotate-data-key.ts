// `npm run data-key:rotate`: re-encrypt every encrypted column with the first key of
// DATA_ENCRYPTION_KEY ("new:…,old:…"), in batches, safely while Tend runs. Idempotent and
// resumable: run it again after an interruption and it goes on where it stopped. See SECURITY.md.
import { createDb, ENCRYPTED_COLUMNS, FieldCipher, rotateDataKey } from "@tend/db";
import { z } from "zod";

const parsed = z
  .object({
    DATABASE_URL: z.string().url("DATABASE_URL must be a postgres:// URL"),
    DATA_ENCRYPTION_KEY: z
      .string({ message: "DATA_ENCRYPTION_KEY is not set" })
      .min(1, "DATA_ENCRYPTION_KEY is empty"),
    ROTATE_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  })
  .safeParse(process.env);
if (!parsed.success) {
  for (const issue of parsed.error.issues)
    console.error(`${issue.path.join(".")}: ${issue.message}`);
  console.error(
    'Usage: DATABASE_URL=postgres://… DATA_ENCRYPTION_KEY="new:<base64>,old:<base64>" npm run data-key:rotate',
  );
  process.exit(2);
}
const env = parsed.data;

let cipher: FieldCipher;
try {
  cipher = FieldCipher.fromSpec(env.DATA_ENCRYPTION_KEY);
} catch (err) {
  console.error(`DATA_ENCRYPTION_KEY is not valid: ${(err as Error).message}`);
  process.exit(2);
}

const db = createDb(env.DATABASE_URL, { max: 2, applicationName: "tend-rotate-data-key" });
const pad = Math.max(...ENCRYPTED_COLUMNS.map((c) => c.name.length)) + 2;
try {
  console.log(
    `Re-encrypting with key "${cipher.currentKeyId}", in batches of ${env.ROTATE_BATCH_SIZE} rows…`,
  );
  const report = await rotateDataKey(db, cipher, { batchSize: env.ROTATE_BATCH_SIZE });
  let rotated = 0;
  let failed = 0;
  for (const c of ENCRYPTED_COLUMNS) {
    const r = report.columns[c.name];
    rotated += r.rotated;
    failed += r.failed;
    console.log(`  ${c.name.padEnd(pad)}re-encrypted ${r.rotated}, could not decrypt ${r.failed}`);
    for (const f of r.failures.slice(0, 20))
      console.log(`    row ${f.rowKey} (key "${f.keyId ?? "?"}"): ${f.reason}`);
  }
  console.log("Values under each key now:");
  const older = new Set<string>();
  for (const c of ENCRYPTED_COLUMNS) {
    const counts = report.census[c.name];
    const text = Object.entries(counts)
      .map(([k, n]) => `${k}: ${n}`)
      .join(", ");
    console.log(`  ${c.name.padEnd(pad)}${text || "(none)"}`);
    for (const k of Object.keys(counts)) if (k !== report.currentKeyId) older.add(k);
  }
  console.log(`${rotated} value(s) re-encrypted in ${report.batches} batch(es); ${failed} failed.`);
  if (older.size > 0) {
    console.error(
      `Some values are still under ${[...older].map((k) => `"${k}"`).join(", ")}: keep those keys in DATA_ENCRYPTION_KEY until they are re-encrypted (add the missing key and run this again).`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `Every value is under "${report.currentKeyId}". Older keys can now be removed from DATA_ENCRYPTION_KEY (keep them with your backups: older backups still need them).`,
    );
  }
} catch (err) {
  console.error(`Rotation stopped: ${(err as Error).message}. Run it again to go on.`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
