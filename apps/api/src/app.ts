import { randomUUID } from "node:crypto";
import { trpcServer } from "@hono/trpc-server";
import { isDatabaseUnavailable, pingDb } from "@tend/db";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { authCall } from "./auth/auth-call.ts";
import { CLIENT_IP_HEADER, clientIp } from "./auth/client-ip.ts";
import { forgetCallerSession } from "./auth/session.ts";
import { createScreenCache } from "./cache/screen-cache.ts";
import { calendarFeedRoutes } from "./http/calendar-feed.ts";
import { emailLinkRoutes } from "./http/email-links.ts";
import { exportRoutes } from "./http/exports.ts";
import { healthRoutes } from "./http/health.ts";
import { originCheck } from "./http/origin-check.ts";
import { setResponseHeader } from "./http/response-headers.ts";
import { jsonHasUnsafeText, refuseUnsafeUrl, UNSAFE_TEXT_MESSAGE } from "./http/unsafe-text.ts";
import { webAppRoutes } from "./http/web-app.ts";
import { type ApiMetrics, createApiMetrics, metricsRoutes } from "./observability/metrics.ts";
import { observeRequests } from "./observability/request-log.ts";
import { type AppDeps, createContext } from "./trpc/context.ts";
import { appRouter } from "./trpc/router.ts";

export type AppOptions = { webDist?: string; metrics?: ApiMetrics };

/** Most procedures one tRPC batch request may call. */
export const MAX_BATCH_SIZE = 50;
type Vars = { Variables: { requestId: string; ip: string } };

/** The whole HTTP surface, without a listening socket: tests call `app.request(...)`. */
export function createApp(given: AppDeps, options: AppOptions = {}) {
  const metrics = options.metrics ?? createApiMetrics();
  // One screen cache per app (process): see cache/screen-cache.ts.
  const deps = {
    ...given,
    screens:
      given.screens ?? createScreenCache({ onLookup: (hit) => metrics.cacheLookup("screen", hit) }),
  };
  metrics.watchCaches({ screens: deps.screens, sessions: deps.sessions });
  const { config: env, auth, log } = deps;
  const app = new Hono<Vars>();
  const origins = [
    env.PUBLIC_URL,
    ...(env.NODE_ENV === "development" ? ["http://localhost:5173"] : []),
  ];

  app.use("*", async (c, next) => {
    // A caller's id is kept only when it looks like one: it goes into every log line.
    const given = c.req.header("x-request-id");
    const requestId = given && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
    c.set("requestId", requestId);
    c.set("ip", clientIp(c, env.TRUST_PROXY));
    c.header("X-Request-Id", requestId);
    await next();
    // Again on the final response: routes that hand back a Response of their own (tRPC,
    // better-auth) would otherwise lose it.
    setResponseHeader(c, "X-Request-Id", requestId);
  });

  // One log line and one latency observation per request (see observability/request-log.ts).
  const procedures = new Set(Object.keys(appRouter._def.procedures));
  app.use("*", observeRequests({ log, metrics, procedures }));

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: "DENY",
      referrerPolicy: "no-referrer",
      xContentTypeOptions: "nosniff",
      // HSTS only where the site is served over HTTPS.
      strictTransportSecurity: env.PUBLIC_URL.startsWith("https://")
        ? "max-age=63072000; includeSubDomains"
        : false,
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.route("/", healthRoutes(deps));
  // Prometheus, for whoever holds METRICS_TOKEN only (404 when it is unset).
  app.route("/", metricsRoutes({ metrics, token: env.METRICS_TOKEN }));

  // No request body of ours is anywhere near 1 MB; a bigger one is refused before it is read.
  const bodyLimited = bodyLimit({
    maxSize: 1024 * 1024,
    onError: (c) => c.json({ error: "That request is too large." }, 413),
  });
  // GET and HEAD carry no body; asking (as bodyLimit does) would build a second Request object.
  const limit: MiddlewareHandler = (c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : bodyLimited(c, next);
  app.use("/trpc/*", limit);
  app.use("/api/*", limit);

  // Personal data must never sit in a shared cache.
  const noStore: MiddlewareHandler = async (c, next) => {
    await next();
    setResponseHeader(c, "Cache-Control", "no-store");
  };
  app.use("/trpc/*", noStore);
  app.use("/api/*", noStore);
  // Text PostgreSQL cannot store (NUL, broken surrogates) in a URL is refused before any route runs.
  app.use("/trpc/*", refuseUnsafeUrl);
  app.use("/api/*", refuseUnsafeUrl);
  app.use("/trpc/*", originCheck(origins));
  // One-click unsubscribe is POSTed by mail providers, without cookies or Origin (RFC 8058).
  app.use("/api/*", originCheck(origins, ["/api/email/unsubscribe/"]));
  app.route("/", emailLinkRoutes({ db: deps.db, secret: env.AUTH_SECRET }));
  // Downloads of a person's data (session cookie) and the private calendar feed (token in the URL).
  app.route("/", exportRoutes(deps));
  app.route("/", calendarFeedRoutes(deps));

  app.on(["GET", "POST"], "/api/auth/*", async (c) => {
    // better-auth reads the caller's address from this header; we set it, never the caller.
    const headers = new Headers(c.req.raw.headers);
    headers.set(CLIENT_IP_HEADER, c.get("ip"));
    let request: Request;
    if (
      c.req.method === "POST" &&
      /^application\/json\b/i.test(c.req.header("content-type") ?? "")
    ) {
      // better-auth would pass such text on to PostgreSQL and answer 500: refuse it here.
      const body = await c.req.arrayBuffer();
      if (jsonHasUnsafeText(new TextDecoder().decode(body)))
        return c.json({ code: "UNSAFE_TEXT", message: UNSAFE_TEXT_MESSAGE }, 400);
      request = new Request(c.req.url, { method: "POST", headers, body });
    } else request = new Request(c.req.raw, { headers });
    const res = await authCall(() => auth.handler(request));
    // Sign-out, a new password, two-factor, a new name: whatever better-auth changed about this
    // caller, this process reads it afresh on their next request.
    if (c.req.method === "POST") await forgetCallerSession(auth, deps.sessions, headers);
    if (res.status >= 500 && !(await pingDb(deps.db))) {
      return c.json({ error: "Tend is briefly unavailable. Please try again in a moment." }, 503, {
        "Retry-After": "5",
      });
    }
    return res;
  });

  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      endpoint: "/trpc",
      // The web batches a page's few queries; a thousand calls in one request is abuse.
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: (opts, c) =>
        createContext(deps, {
          headers: opts.req.headers,
          resHeaders: opts.resHeaders,
          requestId: c.get("requestId"),
          ip: c.get("ip"),
        }),
      responseMeta: ({ errors }) =>
        errors.some((e) => e.code === "SERVICE_UNAVAILABLE")
          ? { headers: { "Retry-After": "5" } }
          : {},
      onError: ({ error, path, ctx }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          log.error(
            { err: error.cause ?? error, path, requestId: ctx?.requestId },
            "procedure failed",
          );
      },
    }),
  );

  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((err, c) => {
    if (isDatabaseUnavailable(err)) {
      c.header("Retry-After", "5");
      return c.json({ error: "Tend is briefly unavailable. Please try again in a moment." }, 503);
    }
    log.error({ err, requestId: c.get("requestId") }, "request failed");
    return c.json({ error: "Something went wrong on our side." }, 500);
  });

  if (options.webDist) app.route("/", webAppRoutes(options.webDist));
  return app;
}

export type App = ReturnType<typeof createApp>;
