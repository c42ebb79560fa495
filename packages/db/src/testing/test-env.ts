/**
 * The PostgreSQL server tests use: TEST_DATABASE_URL or DATABASE_URL, else the embedded
 * server that test/global-setup.ts started (it sets TEST_DATABASE_URL).
 */
export function testServerUrl(): string {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      "no test database: run through vitest (test/global-setup.ts) or set DATABASE_URL",
    );
  return url;
}

export function testRedisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}
