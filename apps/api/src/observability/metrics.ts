import { createHash, timingSafeEqual } from "node:crypto";
import { Hono } from "hono";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

let processRegistry: Registry | undefined;

/** Node process metrics (CPU, memory, event loop lag, GC, handles): collected once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export type ApiMetrics = {
  registry: Registry;
  /** One finished HTTP request. `route` must come from a bounded set (a pattern, not a path). */
  observeRequest: (
    labels: { method: string; route: string; status: number },
    seconds: number,
  ) => void;
  /** One lookup in an in-memory cache (`screen`: Today, client list, review; `session`). */
  cacheLookup: (cache: "screen" | "session", hit: boolean) => void;
  /** Report these caches' sizes (and whether the session cache is in use) at scrape time. */
  watchCaches: (caches: {
    screens?: { readonly size: number };
    sessions?: { readonly size: number; readonly live: boolean };
  }) => void;
};

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The API's metrics: request latency by method, route pattern and status, plus process metrics. */
export function createApiMetrics(): ApiMetrics {
  const own = new Registry();
  const duration = new Histogram({
    name: "tend_http_request_duration_seconds",
    help: "HTTP requests served by the API, by method, route pattern and status.",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [own],
  });
  const lookups = new Counter({
    name: "tend_api_cache_lookups_total",
    help: "Lookups in the API's in-memory caches (screens per data version, sessions), by outcome.",
    labelNames: ["cache", "outcome"] as const,
    registers: [own],
  });
  let watched: Parameters<ApiMetrics["watchCaches"]>[0] = {};
  new Gauge({
    name: "tend_api_cache_entries",
    help: "Entries held in the API's in-memory caches.",
    labelNames: ["cache"] as const,
    registers: [own],
    collect() {
      this.set({ cache: "screen" }, watched.screens?.size ?? 0);
      this.set({ cache: "session" }, watched.sessions?.size ?? 0);
    },
  });
  new Gauge({
    name: "tend_api_session_cache_live",
    help: "1 while the change feed is up and kept sessions are used; 0 when every request reads PostgreSQL.",
    registers: [own],
    collect() {
      this.set(watched.sessions?.live ? 1 : 0);
    },
  });
  return {
    cacheLookup: (cache, hit) => lookups.inc({ cache, outcome: hit ? "hit" : "miss" }),
    watchCaches: (caches) => {
      watched = caches;
    },
    registry: Registry.merge([processMetrics(), own]),
    observeRequest: ({ method, route, status }, seconds) =>
      duration.observe(
        // Methods are the caller's choice: anything unusual is one label, not one per spelling.
        { method: METHODS.has(method) ? method : "OTHER", route, status: String(status) },
        seconds,
      ),
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

/**
 * `GET /metrics` in the Prometheus text format, for whoever holds METRICS_TOKEN. Without a token
 * configured the route does not exist (404): metrics describe the service, not for the public.
 */
export function metricsRoutes({
  metrics,
  token,
}: {
  metrics: ApiMetrics;
  token: string | undefined;
}) {
  return new Hono().get("/metrics", async (c) => {
    if (!token) return c.json({ error: "not found" }, 404);
    if (!hasBearerToken(c.req.header("authorization"), token)) {
      c.header("WWW-Authenticate", 'Bearer realm="metrics"');
      return c.json({ error: "This needs the metrics token." }, 401);
    }
    c.header("Cache-Control", "no-store");
    return c.body(await metrics.registry.metrics(), 200, {
      "Content-Type": metrics.registry.contentType,
    });
  });
}
