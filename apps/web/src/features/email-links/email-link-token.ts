/** The token of an email link page (`/unsubscribe#<token>`): in the fragment, so it never reaches a server log. */
export function tokenFromHash(hash: string): string | null {
  const raw = hash.replace(/^#/, "");
  if (!raw) return null;
  try {
    const token = decodeURIComponent(raw);
    return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token) && token.length <= 2000 ? token : null;
  } catch {
    return null;
  }
}

export type UnsubscribeKind = "reminders" | "summaries" | "digest";

/**
 * Which emails an unsubscribe link is for, read from the token's payload to explain the page
 * before anything is sent. Only for the words: the server checks the signature.
 */
export function unsubscribeKindOf(token: string): UnsubscribeKind | null {
  try {
    const body = token.split(".")[0] ?? "";
    const json = atob(body.replace(/-/g, "+").replace(/_/g, "/"));
    const payload = JSON.parse(json) as { p?: unknown; k?: unknown };
    if (payload.p !== "unsubscribe") return null;
    return payload.k === "reminders" || payload.k === "summaries" || payload.k === "digest"
      ? payload.k
      : null;
  } catch {
    return null;
  }
}

/** POST to an email-link endpoint; answers whether it worked and the server's sentence if not. */
export async function postEmailLink(
  path: string,
): Promise<{ ok: true } | { ok: false; status: number; message: string | null }> {
  let res: Response;
  try {
    res = await fetch(path, { method: "POST", credentials: "omit" });
  } catch {
    return { ok: false, status: 0, message: null };
  }
  if (res.ok) return { ok: true };
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  return {
    ok: false,
    status: res.status,
    message: typeof body?.error === "string" ? body.error : null,
  };
}
