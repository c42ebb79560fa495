import { AppError, type AppErrorCode } from "@tend/core";
import type { Context, Env } from "hono";

const STATUS: Record<AppErrorCode, 400 | 401 | 403 | 404 | 409 | 429 | 503> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/**
 * A plain route's domain errors as `{ error }` JSON with the matching status (the same mapping
 * as tRPC's). Anything else goes on to the app's own error handler (503 when the database is
 * away, otherwise a logged 500 with no details).
 */
export function withAppErrors<E extends Env>(
  handler: (c: Context<E>) => Promise<Response>,
): (c: Context<E>) => Promise<Response> {
  return async (c) => {
    try {
      return await handler(c);
    } catch (err) {
      if (err instanceof AppError) return c.json({ error: err.message }, STATUS[err.code]);
      throw err;
    }
  };
}
