import { createHash, timingSafeEqual } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { Queue } from "bullmq";
import { type Context, Hono } from "hono";
import { basicAuth } from "hono/basic-auth";
import { HTTPException } from "hono/http-exception";
import type { Redis } from "ioredis";
import type { Logger } from "../logger.ts";
import { EMAIL_QUEUE, MAINTENANCE_QUEUE } from "../queue/names.ts";
import { producerConnection } from "../queue/redis.ts";
import type { WorkerMetrics } from "./metrics.ts";

export const DASHBOARD_PATH = "/queues";

/**
 * The worker's queues as seen from outside the runtime, on a connection of their own: read by
 * the metrics at scrape time and shown by the dashboard. Closing them leaves the runtime alone.
 */
export function opsQueues(redisUrl: string, prefix: string) {
  const connection: Redis = producerConnection(redisUrl);
  const queues = [MAINTENANCE_QUEUE, EMAIL_QUEUE].map(
    (name) => new Queue(name, { connection, prefix }),
  );
  for (const q of queues) q.on("error", () => undefined); // the runtime reports Redis trouble
  return {
    queues,
    close: async () => {
      await Promise.allSettled(queues.map((q) => q.close()));
      await connection.quit().catch(() => undefined);
      connection.disconnect();
    },
  };
}

function digest(s: string): Buffer {
  return createHash("sha256").update(s).digest();
}

/** `Authorization: Bearer <token>`, compared in constant time. */
export function hasBearerToken(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

export type OpsServerOptions = {
  metrics: WorkerMetrics;
  queues: Queue[];
  log: Logger;
  /** Bearer token for /metrics; without it /metrics answers 404. */
  metricsToken: string | undefined;
  /** Basic-auth credentials for the dashboard; without a password there is no dashboard. */
  operator: { user: string; password: string | undefined };
};

/**
 * The operator's HTTP surface, on its own port (never the public one):
 * - `GET /metrics`: Prometheus text, with `Authorization: Bearer <METRICS_TOKEN>`;
 * - `/queues`: the bull-board dashboard, behind HTTP Basic auth (OPERATOR_USER/PASSWORD).
 * Jobs hold ids only, so the dashboard shows no personal data. It is read-only: PostgreSQL's
 * outbox is the truth and retries by itself, and emptying or editing a queue by hand would only
 * make rows be claimed again after their lease.
 */
export function opsApp({ metrics, queues, log, metricsToken, operator }: OpsServerOptions) {
  const app = new Hono();
  app.use("*", async (c, next) => {
    await next();
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("X-Frame-Options", "DENY");
    c.header("Referrer-Policy", "no-referrer");
  });

  app.get("/metrics", async (c) => {
    if (!metricsToken) return c.text("Not found: set METRICS_TOKEN to serve metrics.\n", 404);
    if (!hasBearerToken(c.req.header("authorization"), metricsToken)) {
      c.header("WWW-Authenticate", 'Bearer realm="metrics"');
      return c.text("This needs the metrics token.\n", 401);
    }
    return c.body(await metrics.registry.metrics(), 200, {
      "Content-Type": metrics.registry.contentType,
    });
  });

  if (operator.password) {
    const password = operator.password;
    app.use(
      `${DASHBOARD_PATH}/*`,
      basicAuth({ username: operator.user, password, realm: "Tend queues" }),
    );
    app.use(`${DASHBOARD_PATH}/*`, async (c, next) => {
      // The browser sends Basic credentials with any request to this origin: a page elsewhere
      // must not be able to press the dashboard's buttons (retry, clean, remove).
      const origin = c.req.header("origin");
      if (!["GET", "HEAD"].includes(c.req.method) && origin) {
        const host = c.req.header("host");
        let sameHost = false;
        try {
          sameHost = new URL(origin).host === host;
        } catch {}
        if (!sameHost) return c.text("Cross-site requests are refused.\n", 403);
      }
      await next();
    });
    // bull-board is loaded on the dashboard's first request, not at boot (see queue-dashboard.ts).
    let dashboard: Promise<Hono> | undefined;
    const serveDashboard = async (c: Context) => {
      dashboard ??= import("./queue-dashboard.ts").then((m) =>
        m.queueDashboard(queues, DASHBOARD_PATH),
      );
      return (await dashboard).fetch(c.req.raw);
    };
    app.all(DASHBOARD_PATH, serveDashboard);
    app.all(`${DASHBOARD_PATH}/*`, serveDashboard);
  } else {
    log.info("queue dashboard is off: set OPERATOR_PASSWORD to serve it at /queues");
    app.all(`${DASHBOARD_PATH}/*`, (c) =>
      c.text("The queue dashboard is off: set OPERATOR_PASSWORD (and OPERATOR_USER).\n", 404),
    );
    app.all(DASHBOARD_PATH, (c) =>
      c.text("The queue dashboard is off: set OPERATOR_PASSWORD (and OPERATOR_USER).\n", 404),
    );
  }
  app.notFound((c) => c.text("Not found.\n", 404));
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse(); // e.g. basic auth's 401
    log.error({ err }, "operator request failed");
    return c.text("Something went wrong.\n", 500);
  });
  return app;
}

export type OpsServer = { url: string; port: number; close: () => Promise<void> };

/**
 * Listen on `host:port` (port 0: any free port). A port already in use (another worker on the
 * same machine) is not fatal: this process just serves no metrics or dashboard, and says so.
 */
export async function startOpsServer(
  options: OpsServerOptions & { host: string; port: number },
): Promise<OpsServer | undefined> {
  const app = opsApp(options);
  const server = createAdaptorServer({ fetch: app.fetch });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    options.log.warn(
      { host: options.host, port: options.port, err: (err as Error).message },
      "operator port unavailable: no metrics or queue dashboard from this process",
    );
    return undefined;
  }
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive connections (a scraper, a dashboard tab) must not hold the shutdown.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
