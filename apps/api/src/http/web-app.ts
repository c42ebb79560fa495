import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";

/**
 * Serve the built web app on the same origin: hashed assets with a long cache,
 * and index.html for every other GET (client-side routes).
 */
export function webAppRoutes(webDist: string) {
  const app = new Hono();
  const indexFile = path.join(webDist, "index.html");
  if (!existsSync(indexFile)) {
    app.get("*", (c) =>
      c.text(
        "The web app is not built yet. Run `npm start` (it builds it) or `npm run build -w @tend/web`.",
        503,
      ),
    );
    return app;
  }
  const indexHtml = readFileSync(indexFile, "utf8");
  app.use(
    "/assets/*",
    serveStatic({
      root: path.relative(process.cwd(), webDist) || ".",
      onFound: (_p, c) => c.header("Cache-Control", "public, max-age=31536000, immutable"),
    }),
  );
  // Other files at the top of the build (favicon, robots.txt): only paths that name a file.
  const files = serveStatic({ root: path.relative(process.cwd(), webDist) || "." });
  app.use("*", (c, next) => (/\/[^/]+\.[a-z0-9]+$/i.test(c.req.path) ? files(c, next) : next()));
  app.get("*", (c) => {
    c.header("Cache-Control", "no-cache");
    return c.html(indexHtml);
  });
  return app;
}
