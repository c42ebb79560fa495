import type { MiddlewareHandler } from "hono";

/**
 * Text PostgreSQL cannot store (or would silently change): the NUL character U+0000, which
 * `text` and `jsonb` refuse ("invalid byte sequence for encoding UTF8: 0x00"), and lone UTF-16
 * surrogates, which turn into U+FFFD on the way in. Such input is refused up front with a 400,
 * before anything is written, instead of failing halfway with a 500.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_MESSAGE =
  "This text contains a character Tend cannot store (an invisible NUL or a broken character). Please remove it and try again.";

export function isUnsafeText(s: string): boolean {
  return UNSAFE.test(s);
}

type Node = { value: unknown; key: string | number | null; parent: Node | null };

function pathOf(node: Node | null, last?: string): Array<string | number> {
  const path: Array<string | number> = last === undefined ? [] : [last];
  for (let n = node; n && n.key !== null; n = n.parent) path.unshift(n.key);
  return path;
}

/**
 * The path of the first string (or object key) in a parsed JSON value that holds unsafe text,
 * or null. Iterative, so any nesting depth JSON.parse accepts is fine; stops after `limit` nodes.
 */
export function findUnsafeText(value: unknown, limit = 1_000_000): Array<string | number> | null {
  const stack: Node[] = [{ value, key: null, parent: null }];
  for (let seen = 0; stack.length && seen < limit; seen++) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === "string") {
      if (isUnsafeText(v)) return pathOf(node);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: node });
    } else if (
      v !== null &&
      typeof v === "object" &&
      Object.getPrototypeOf(v) === Object.prototype
    ) {
      for (const [k, x] of Object.entries(v)) {
        if (isUnsafeText(k)) return pathOf(node, k);
        stack.push({ value: x, key: k, parent: node });
      }
    }
  }
  return null;
}

/** Whether a JSON text holds unsafe text in a string or key (false when it is not JSON at all). */
export function jsonHasUnsafeText(text: string): boolean {
  // Cheap first: "\u0000" or a surrogate escape, or the raw characters themselves.
  if (!/\\u(0000|d[89a-f])|[\uD800-\uDFFF]/i.test(text)) return false;
  try {
    return findUnsafeText(JSON.parse(text)) !== null;
  } catch {
    return false; // not JSON: the route's own parser refuses it
  }
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return ""; // invalid percent-encoding: left to the route (it is not text we would store)
  }
}

/**
 * Refuse a request whose path or query, once decoded, holds unsafe text (`/x/%00`,
 * `?token=%00`): an id or token like that can only end in a failed query.
 */
export const refuseUnsafeUrl: MiddlewareHandler = async (c, next) => {
  // Such text can only arrive percent-encoded: the HTTP parser refuses a raw NUL, and a URL read
  // as Latin-1 holds no surrogates. Most URLs have no "%" at all and need no decoding.
  if (!c.req.url.includes("%")) return next();
  const url = new URL(c.req.url);
  const parts = [decoded(url.pathname)];
  for (const [k, v] of url.searchParams) parts.push(k, v);
  if (parts.some(isUnsafeText)) return c.json({ error: UNSAFE_TEXT_MESSAGE }, 400);
  return next();
};
