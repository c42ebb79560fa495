import { randomUUID } from "node:crypto";
import { trpcServer } from "@hono/trpc-server";
import { Hono } from "hono";
import { healthRoutes } from "./http/health.ts";
import { webAppRoutes } from "./http/web-app.ts";
import { type AppDeps, createContext } from "./trpc/context.ts";
import { appRouter } from "./trpc/router.ts";

export type AppOptions = { webDist?: string };

/** The whole HTTP surface, without a listening socket: tests call `app.request(...)`. */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = new Hono<{ Variables: { requestId: string } }>();

  app.use("*", async (c, next) => {
    const requestId = c.req.header("x-request-id")?.slice(0, 64) || randomUUID();
    c.set("requestId", requestId);
    c.header("X-Request-Id", requestId);
    await next();
  });

  app.route("/", healthRoutes(deps));

  app.use(
    "/trpc/*",
    trpcServer({
      router: appRouter,
      endpoint: "/trpc",
      createContext: (opts, c) => createContext(deps, opts.req, c.get("requestId")),
      onError: ({ error, path }) => {
        if (error.code === "INTERNAL_SERVER_ERROR")
          deps.log.error({ err: error.cause ?? error, path }, "procedure failed");
      },
    }),
  );

  app.notFound((c) => c.json({ error: "not found" }, 404));
  app.onError((err, c) => {
    deps.log.error({ err, requestId: c.get("requestId") }, "request failed");
    return c.json({ error: "Something went wrong on our side." }, 500);
  });

  if (options.webDist) app.route("/", webAppRoutes(options.webDist));
  return app;
}

export type App = ReturnType<typeof createApp>;
