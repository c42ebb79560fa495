import { AppError, localDateOf } from "@tend/core";
import { findClientOfTherapist, findClientProfile, hitRateLimit, recordAudit } from "@tend/db";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { resolveSession, type SessionInfo } from "../auth/session.ts";
import { practiceCalendar } from "../calendar/practice-calendar.ts";
import { buildClientExport, clientExportCsv } from "../exports/client-export.ts";
import {
  notBeforeTwoYears,
  periodQuerySchema,
  resolvePeriod,
  weeksAgo,
} from "../exports/period.ts";
import {
  clientProgressSummary,
  type ProgressSummary,
  therapistProgressSummary,
} from "../exports/progress-summary.ts";
import type { AppDeps } from "../trpc/context.ts";
import { withAppErrors } from "./app-errors.ts";

type Vars = { Variables: { requestId: string; ip: string } };

/** `attachment; filename="…"`: a download, never shown inline or cached. */
function download(
  c: Context,
  body: string | Uint8Array,
  { type, filename }: { type: string; filename: string },
) {
  c.header("Content-Type", type);
  c.header("Content-Disposition", `attachment; filename="${filename}"`);
  c.header("Cache-Control", "no-store");
  c.header("X-Content-Type-Options", "nosniff");
  return c.body(typeof body === "string" ? body : new Uint8Array(body));
}

const clientIdParam = z
  .string()
  .regex(/^[^/]{1,64}\.pdf$/)
  .transform((s) => s.slice(0, -".pdf".length));

/**
 * @react-pdf (its layout engine, fonts and React renderer) is tens of MB of heap, and printable
 * summaries are rare: it is loaded on the first one, not at boot.
 */
async function renderProgressSummaryPdf(summary: ProgressSummary): Promise<Buffer> {
  const pdf = await import("../exports/progress-summary-pdf.tsx");
  return pdf.renderProgressSummaryPdf(summary);
}

/** Printable summaries take a moment to make: a person may ask for a few a minute, not hundreds. */
const PDF_LIMIT = { max: 20, windowSeconds: 10 * 60 };

/**
 * Downloads of a person's data, authenticated by the session cookie (the same check as tRPC):
 * - a client's own data: `/api/export/me.json`, `me.csv`, `me.pdf?from&to`, `me.ics`;
 * - a therapist's printable summary of their own client: `/api/export/clients/<id>.pdf?from&to`
 *   (404 for anyone else's client), recorded in the client's access log.
 */
export function exportRoutes(deps: AppDeps) {
  const { db, cipher, auth, config } = deps;
  const app = new Hono<Vars>();

  async function viewerOf(c: Context<Vars>): Promise<SessionInfo> {
    const resHeaders = new Headers();
    const viewer = await resolveSession(
      auth,
      db,
      c.req.raw.headers,
      resHeaders,
      config.SESSION_ABSOLUTE_HOURS,
    );
    for (const cookie of resHeaders.getSetCookie())
      c.header("set-cookie", cookie, { append: true });
    if (!viewer) throw new AppError("UNAUTHENTICATED", "Please sign in.");
    return viewer;
  }

  async function clientOf(c: Context<Vars>) {
    const viewer = await viewerOf(c);
    if (viewer.role !== "client") throw new AppError("FORBIDDEN", "This is for clients.");
    const profile = await findClientProfile(db, viewer.userId);
    if (!profile) throw new AppError("FORBIDDEN", "This account is not linked to a therapist.");
    return { id: viewer.userId, name: viewer.name, timeZone: profile.timeZone };
  }

  async function pdfAllowance(userId: string) {
    const r = await hitRateLimit(
      db,
      `export-pdf:${userId}`,
      PDF_LIMIT.max,
      PDF_LIMIT.windowSeconds,
    );
    if (!r.allowed)
      throw new AppError(
        "RATE_LIMITED",
        "That is a lot of summaries in a short time. Please wait a few minutes and try again.",
      );
  }

  function period(c: Context<Vars>) {
    const parsed = periodQuerySchema.safeParse(c.req.query());
    if (!parsed.success)
      throw new AppError("BAD_INPUT", "Please choose dates like 2026-01-31 for from and to.");
    return parsed.data;
  }

  app.get(
    "/api/export/me.json",
    withAppErrors<Vars>(async (c) => {
      const client = await clientOf(c);
      const now = new Date();
      const data = await buildClientExport({ db, cipher }, client.id, now);
      if (!data) throw new AppError("NOT_FOUND", "We could not find your account.");
      return download(c, JSON.stringify(data, null, 2), {
        type: "application/json; charset=utf-8",
        filename: `tend-export-${localDateOf(now, client.timeZone)}.json`,
      });
    }),
  );

  app.get(
    "/api/export/me.csv",
    withAppErrors<Vars>(async (c) => {
      const client = await clientOf(c);
      const now = new Date();
      const data = await buildClientExport({ db, cipher }, client.id, now);
      if (!data) throw new AppError("NOT_FOUND", "We could not find your account.");
      return download(c, clientExportCsv(data), {
        type: "text/csv; charset=utf-8; header=present",
        filename: `tend-answers-${localDateOf(now, client.timeZone)}.csv`,
      });
    }),
  );

  app.get(
    "/api/export/me.pdf",
    withAppErrors<Vars>(async (c) => {
      const client = await clientOf(c);
      const query = period(c);
      await pdfAllowance(client.id);
      const now = new Date();
      const p = resolvePeriod(query, client.timeZone, now, {
        start: weeksAgo(now, client.timeZone, 8),
      });
      const summary = await clientProgressSummary({ db, cipher }, client, p, now);
      return download(c, await renderProgressSummaryPdf(summary), {
        type: "application/pdf",
        filename: `tend-practice-${p.start}-to-${p.end}.pdf`,
      });
    }),
  );

  app.get(
    "/api/export/me.ics",
    withAppErrors<Vars>(async (c) => {
      const client = await clientOf(c);
      const now = new Date();
      return download(
        c,
        await practiceCalendar(db, client, { now, publicUrl: config.PUBLIC_URL }),
        {
          type: "text/calendar; charset=utf-8",
          filename: "tend-practice.ics",
        },
      );
    }),
  );

  app.get(
    "/api/export/clients/:file",
    withAppErrors<Vars>(async (c) => {
      const viewer = await viewerOf(c);
      if (viewer.role !== "therapist") throw new AppError("FORBIDDEN", "This is for therapists.");
      const clientId = clientIdParam.safeParse(c.req.param("file"));
      if (!clientId.success) throw new AppError("NOT_FOUND", "We could not find that client.");
      const client = await findClientOfTherapist(db, viewer.userId, clientId.data);
      if (!client) throw new AppError("NOT_FOUND", "We could not find that client.");
      const query = period(c);
      await pdfAllowance(viewer.userId);
      const now = new Date();
      const p = resolvePeriod(query, client.timeZone, now, {
        // Since the client joined (at most the last two years).
        start: notBeforeTwoYears(
          localDateOf(client.joinedAt, client.timeZone),
          now,
          client.timeZone,
        ),
      });
      const summary = await therapistProgressSummary({ db, cipher }, viewer.userId, client, p, now);
      const pdf = await renderProgressSummaryPdf(summary);
      await recordAudit(db, {
        action: "client_data_viewed",
        actorUserId: viewer.userId,
        subjectUserId: client.id,
        ip: c.get("ip") ?? null,
        detail: { what: "a printable summary" },
      });
      return download(c, pdf, {
        type: "application/pdf",
        filename: `tend-summary-${p.start}-to-${p.end}.pdf`,
      });
    }),
  );

  return app;
}
