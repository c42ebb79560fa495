import type { MiddlewareHandler } from "hono";

/**
 * Mutations only from our own pages: a state-changing request must carry an Origin (or,
 * failing that, Sec-Fetch-Site: same-origin) that matches one we serve. Another site's
 * form or script cannot forge one. Paths in `exempt` (RFC 8058 one-click unsubscribe,
 * which mail providers POST without cookies) are left alone.
 */
export function originCheck(allowedOrigins: string[], exempt: string[] = []): MiddlewareHandler {
  const allowed = new Set(allowedOrigins.map((o) => new URL(o).origin));
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    if (exempt.some((p) => c.req.path.startsWith(p))) return next();
    const origin = c.req.header("origin");
    const ok = origin ? allowed.has(origin) : c.req.header("sec-fetch-site") === "same-origin";
    if (!ok) return c.json({ error: "This request must come from Tend's own pages." }, 403);
    return next();
  };
}
