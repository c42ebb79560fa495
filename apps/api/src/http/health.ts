import { pingDb } from "@tend/db";
import { Hono } from "hono";
import type { AppDeps } from "../trpc/context.ts";

const startedAt = Date.now();

/**
 * /healthz: is this process alive (always 200) and can it reach PostgreSQL. /readyz: 503 until it
 * can. /livez: the process answers at all (no database call; also the benchmark's bare-route baseline).
 */
export function healthRoutes({ db }: AppDeps) {
  return new Hono()
    .get("/livez", (c) => c.json({ status: "ok" }))
    .get("/healthz", async (c) => {
      const database = (await pingDb(db)) ? "ok" : "unreachable";
      return c.json({
        status: "ok",
        api: "ok",
        database,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      });
    })
    .get("/readyz", async (c) => {
      const ok = await pingDb(db);
      if (!ok) c.header("Retry-After", "5");
      return c.json({ ready: ok, database: ok ? "ok" : "unreachable" }, ok ? 200 : 503);
    });
}
