/** A value as JSON carries it: every Date is its ISO string, the rest as it is. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/**
 * A screen in the form it travels in: Dates made into ISO strings once, when the screen is built.
 * tRPC has no transformer here, so the browser receives strings either way. But JSON.stringify
 * calls `Date#toJSON` on every send, and that made sending a kept client list cost four times
 * what the same list with strings costs (BENCHMARKS.md).
 */
export function toWire<T>(value: T): Wire<T> {
  if (value instanceof Date) return value.toISOString() as Wire<T>;
  if (Array.isArray(value)) return value.map(toWire) as Wire<T>;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toWire(v);
    return out as Wire<T>;
  }
  return value as Wire<T>;
}
