import {
  type Db,
  refreshAssignmentReminder,
  refreshClientReminders,
  skipOccurrence,
  verifyEmailLink,
} from "@tend/db";
import { Hono } from "hono";

/**
 * Links in emails that work without signing in, with signed tokens:
 * - RFC 8058 one-click unsubscribe: `POST /api/email/unsubscribe/<token>` (no cookies, no
 *   Origin, answers 200 with no redirect). `GET` only shows the page with a button, so a
 *   mail scanner that follows links changes nothing.
 * - "Not today": `POST /api/email/not-today/<token>` lets one planned practice go.
 */
export function emailLinkRoutes({ db, secret }: { db: Db; secret: string }) {
  const app = new Hono();

  app.post("/api/email/unsubscribe/:token", async (c) => {
    const payload = verifyEmailLink(secret, c.req.param("token"));
    if (payload?.p !== "unsubscribe") return c.json({ error: "This link is not valid." }, 400);
    if (payload.k === "digest") {
      await db
        .updateTable("therapist_settings")
        .set({ digest_emails: false })
        .where("user_id", "=", payload.u)
        .execute();
    } else {
      const column = payload.k === "reminders" ? "reminder_emails" : "summary_emails";
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("client_profile")
          .set({ [column]: false })
          .where("user_id", "=", payload.u)
          .execute();
        await refreshClientReminders(trx, payload.u);
      });
    }
    return c.json({ ok: true, stopped: payload.k });
  });

  app.get("/api/email/unsubscribe/:token", (c) =>
    c.redirect(`/unsubscribe#${encodeURIComponent(c.req.param("token"))}`, 303),
  );

  app.post("/api/email/not-today/:token", async (c) => {
    const payload = verifyEmailLink(secret, c.req.param("token"));
    if (payload?.p !== "not-today")
      return c.json({ error: "This link is not valid any more." }, 400);
    const occurrence = new Date(payload.o);
    if (Number.isNaN(occurrence.getTime()))
      return c.json({ error: "This link is not valid." }, 400);
    const done = await skipOccurrence(db, payload.u, payload.a, occurrence);
    if (!done) return c.json({ error: "This link is not valid any more." }, 404);
    await refreshAssignmentReminder(db, payload.a);
    return c.json({ ok: true });
  });

  app.get("/api/email/not-today/:token", (c) =>
    c.redirect(`/not-today#${encodeURIComponent(c.req.param("token"))}`, 303),
  );

  return app;
}
