import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { HonoAdapter } from "@bull-board/hono";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Queue } from "bullmq";
import { Hono } from "hono";

/**
 * The bull-board dashboard of `queues`, read-only, at `basePath`. Loaded by ops-server.ts on the
 * dashboard's first request: bull-board (its API, views and UI server) is ~8 MB of heap that a
 * worker without a dashboard, or one nobody looks at, never needs.
 */
export function queueDashboard(queues: Queue[], basePath: string): Hono {
  const board = new HonoAdapter(serveStatic);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: "Tend queues" } },
  });
  board.setBasePath(basePath);
  const app = new Hono();
  app.get(`${basePath}/`, (c) => c.redirect(basePath));
  app.route(basePath, board.registerPlugin());
  return app;
}
