/**
 * `scripts/backup-restore-check.sh`, the backup and restore drill SECURITY.md describes: on a
 * database with rows in every table it dumps (pg_dump -Fc), restores into a fresh database,
 * finds the same rows and exits 0; with a restore that loses a row (a pg_restore stand-in that
 * deletes one afterwards) it names the table and exits non-zero; and it leaves no copy behind.
 * Where the machine's pg_dump is older than the server (the embedded PostgreSQL 18 beside a
 * Debian pg_dump 15) or missing, the script must refuse with a sentence saying so, and does.
 */
import { execFile } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTwoTenants, type TwoTenants } from "../testing/two-tenants.ts";

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, "../../../../scripts/backup-restore-check.sh");

let w: TwoTenants;
let tmp: string;
/** Can this machine's client tools dump this server at all? */
let toolsFit: boolean;

beforeAll(async () => {
  w = await createTwoTenants();
  tmp = mkdtempSync(path.join(os.tmpdir(), "tend-backup-check-"));
  const { rows } = await sql<{
    v: string;
  }>`select current_setting('server_version_num') as v`.execute(w.api.db);
  const serverMajor = Math.floor(Number(rows[0]!.v) / 10_000);
  const dumpMajor = await run("pg_dump", ["--version"])
    .then(({ stdout }) => Number(/(\d+)(\.\d+)*\s*(\(|$)/m.exec(stdout)?.[1] ?? 0))
    .catch(() => 0);
  toolsFit = dumpMajor >= serverMajor;
});

/** Where the tools cannot work, the script says so (and exits 2) instead of half-working. */
function expectRefusal(res: { code: number; out: string }) {
  expect(res.code, res.out).toBe(2);
  expect(res.out).toMatch(/is older than the server|is not installed/);
}
afterAll(async () => {
  await w?.api.drop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function check(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run("bash", [script, ...args], {
      env: { ...process.env, DATABASE_URL: w.api.database.url, ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

async function leftoverCopies(): Promise<string[]> {
  const { rows } = await sql<{ datname: string }>`
    select datname from pg_database where datname like '%restore_check%'`.execute(w.api.db);
  return rows
    .map((r) => r.datname)
    .filter((n) => n.startsWith(new URL(w.api.database.url).pathname.slice(1)));
}

it("restores every row of every table, and says so", async () => {
  const res = await check(["--checksums"]);
  if (!toolsFit) return expectRefusal(res);
  expect(res.code, res.out).toBe(0);
  expect(res.out).toMatch(/backup-check: OK: \d+ tables, \d+ rows; row counts and checksums match/);
  for (const table of ["public.entry", "public.session_note", "public.outbox", 'public."user"'])
    expect(res.out).toMatch(
      new RegExp(`${table.replace(/[."]/g, "\\$&")}\\s+([1-9]\\d*)\\s+\\1\\n`),
    );
  expect(await leftoverCopies()).toEqual([]);
});

it("exits non-zero and names the table when the restored copy lost a row", async () => {
  // A pg_restore that does its job, then loses one session note in the copy.
  const shim = path.join(tmp, "bin");
  await run("mkdir", ["-p", shim]);
  const realRestore = (await run("bash", ["-c", "command -v pg_restore"])).stdout.trim();
  writeFileSync(
    path.join(shim, "pg_restore"),
    `#!/usr/bin/env bash
set -e
"${realRestore}" "$@"
while [ $# -gt 0 ]; do [ "$1" = "--dbname" ] && db="$2"; shift; done
psql "$db" -qc "delete from session_note where ctid = (select ctid from session_note limit 1)"
`,
  );
  chmodSync(path.join(shim, "pg_restore"), 0o755);
  const res = await check([], { PATH: `${shim}:${process.env.PATH}` });
  if (!toolsFit) return expectRefusal(res);
  expect(res.code, res.out).toBe(1);
  expect(res.out).toMatch(/public\.session_note\s+\d+\s+\d+\s+<-- differs/);
  expect(res.out).toContain("backup-check: MISMATCH");
  expect(await leftoverCopies()).toEqual([]);
});

it("says what it needs without DATABASE_URL", async () => {
  const res = await check([], { DATABASE_URL: "" });
  expect(res.code).toBe(2);
  expect(res.out).toContain("set DATABASE_URL");
});
