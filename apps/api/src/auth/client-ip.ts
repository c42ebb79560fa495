import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The header through which the API tells better-auth (and our own rate limits) who is calling.
 * Set by us from the socket, or from X-Forwarded-For behind a trusted proxy; any value a
 * client sends itself is overwritten.
 */
export const CLIENT_IP_HEADER = "x-tend-client-ip";

export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
}
