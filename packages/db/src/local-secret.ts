import { randomBytes } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * For local use only: a random secret kept under DATA_DIR/secrets so sessions (and,
 * later, encrypted data) survive restarts. Production passes real secrets in the environment.
 * Several processes (api, worker) may ask at once: the first to create the file wins and
 * everyone reads its secret (written to a temporary file, then linked into place whole).
 */
export function loadOrCreateLocalSecret(
  dataDir: string,
  name: string,
  generate: () => string = () => randomBytes(32).toString("base64url"),
): string {
  const file = path.join(dataDir, "secrets", name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  // Only the secrets folder is private: DATA_DIR also holds the local database, whose server
  // may run as another user (embedded PostgreSQL started as root runs initdb as `postgres`).
  mkdirSync(dataDir, { recursive: true });
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = generate();
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(temporary, `${secret}\n`, { mode: 0o600, flag: "wx" });
  try {
    linkSync(temporary, file);
    return secret;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return readFileSync(file, "utf8").trim(); // another process got there first
  } finally {
    unlinkSync(temporary);
  }
}
