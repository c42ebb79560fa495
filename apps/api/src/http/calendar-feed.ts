import { findClientByCalendarTokenHash, hitRateLimit } from "@tend/db";
import { Hono } from "hono";
import { calendarTokenSchema, hashCalendarToken } from "../calendar/feed-token.ts";
import { practiceCalendar } from "../calendar/practice-calendar.ts";
import type { AppDeps } from "../trpc/context.ts";

/** Calendar apps poll a few times a day; this leaves plenty of room and stops a runaway loop. */
const FEED_LIMIT = { max: 120, windowSeconds: 60 * 60 };

/**
 * The client's private calendar feed, `GET /api/calendar/<token>.ics`, for calendar apps that
 * subscribe by URL (they send no cookie). Holding the token is the permission; only its sha256
 * is stored, and a new or revoked feed makes the old URL answer 404 at once. It carries
 * planned practice only: exercise titles and times, never a word of the client's.
 */
export function calendarFeedRoutes({ db, config }: AppDeps) {
  const app = new Hono();

  app.get("/api/calendar/:file", async (c) => {
    const file = c.req.param("file");
    const token = calendarTokenSchema.safeParse(file.endsWith(".ics") ? file.slice(0, -4) : "");
    const notFound = () => c.json({ error: "This calendar link is not active." }, 404);
    if (!token.success) return notFound();
    const hash = hashCalendarToken(token.data);
    const client = await findClientByCalendarTokenHash(db, hash);
    if (!client) return notFound();
    const limit = await hitRateLimit(
      db,
      `calendar-feed:${hash.slice(0, 32)}`,
      FEED_LIMIT.max,
      FEED_LIMIT.windowSeconds,
    );
    if (!limit.allowed) {
      c.header("Retry-After", String(limit.retryAfterSeconds));
      return c.json({ error: "Please try again a little later." }, 429);
    }
    const body = await practiceCalendar(
      db,
      { id: client.clientId, timeZone: client.timeZone },
      { now: new Date(), publicUrl: config.PUBLIC_URL },
    );
    c.header("Content-Type", "text/calendar; charset=utf-8");
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    c.header("Referrer-Policy", "no-referrer");
    return c.body(body);
  });

  return app;
}
