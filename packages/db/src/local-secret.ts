import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * For local use only: a random secret kept under DATA_DIR/secrets so sessions (and,
 * later, encrypted data) survive restarts. Production passes real secrets in the environment.
 */
export function loadOrCreateLocalSecret(
  dataDir: string,
  name: string,
  generate: () => string = () => randomBytes(32).toString("base64url"),
): string {
  const file = path.join(dataDir, "secrets", name);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = generate();
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return secret;
}
