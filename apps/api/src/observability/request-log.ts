import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { Logger } from "../logger.ts";
import type { ApiMetrics } from "./metrics.ts";

/** Routes polled by load balancers and monitors: logged at debug, not once a second at info. */
const QUIET_ROUTES = new Set(["/healthz", "/readyz", "/livez", "/metrics"]);

/**
 * A path fit for a log line: no query string, and every segment that could be a token or an
 * id (anything but a lowercase kebab-case word, as our own routes are) replaced by ":param".
 * `/api/auth/reset-password/Xy…` → `/api/auth/reset-password/:param`. tRPC paths keep the
 * names of real procedures only.
 */
export function loggablePath(path: string, procedures: ReadonlySet<string>): string {
  if (path.startsWith("/trpc/"))
    return `/trpc/${path
      .slice("/trpc/".length)
      .split(",")
      .map((n) => (procedures.has(n) ? n : "(unknown)"))
      .join(",")}`;
  return path
    .split("/")
    .map((s) => (s === "" || /^[a-z][a-z-]{0,31}(\.[a-z0-9]{1,8})?$/.test(s) ? s : ":param"))
    .join("/");
}

/**
 * The route a request took, from a bounded set (for metric labels as much as for logs): the
 * registered pattern (`/api/email/unsubscribe/:token`), tRPC's procedure name when it is a
 * real one (a batch of several is `/trpc/(batch)`), better-auth's endpoint when it succeeded.
 */
export function routeLabel(
  pattern: string,
  path: string,
  status: number,
  procedures: ReadonlySet<string>,
): string {
  if (pattern === "/trpc/*") {
    const names = path.slice("/trpc/".length).split(",");
    if (names.length > 1) return "/trpc/(batch)";
    return procedures.has(names[0]!) ? `/trpc/${names[0]}` : "/trpc/(unknown)";
  }
  // Only a real endpoint answers 2xx/3xx: refusals of made-up paths stay one label.
  if (pattern === "/api/auth/*" && status < 400) return loggablePath(path, procedures);
  if (pattern === "/*" || pattern === "*" || pattern === "") return "*";
  return pattern;
}

/**
 * One log line per request (method, route, path without query string, status, duration,
 * request id — never bodies, query strings, cookies or who it was) and the latency histogram.
 * Runs after the request id is set and around everything else.
 */
export function observeRequests({
  log,
  metrics,
  procedures,
}: {
  log: Logger;
  metrics: ApiMetrics;
  procedures: ReadonlySet<string>;
}): MiddlewareHandler<{ Variables: { requestId: string } }> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      const status = c.res.status;
      const path = c.req.path;
      const route = routeLabel(routePath(c, c.req.routeIndex), path, status, procedures);
      metrics.observeRequest({ method: c.req.method, route, status }, seconds);
      const line = {
        requestId: c.get("requestId"),
        method: c.req.method,
        route,
        path: loggablePath(path, procedures),
        status,
        ms: Math.round(seconds * 10_000) / 10,
      };
      if (status >= 500) log.warn(line, "request");
      else if (QUIET_ROUTES.has(route)) log.debug(line, "request");
      else log.info(line, "request");
    }
  };
}
