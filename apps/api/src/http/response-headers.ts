import type { Context } from "hono";

/**
 * Set a header on the response a route has already produced, in place. Hono's `c.header` does
 * the same by copying the finished response, which turns its body into a stream and costs more
 * than the route itself for a small tRPC answer (see BENCHMARKS.md). A response whose headers
 * cannot change (one passed through from `fetch`) still goes the copying way.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}
