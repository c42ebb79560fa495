import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed tokens for links in emails that act without signing in: one-click unsubscribe
 * (RFC 8058) and "not today". Payload and HMAC-SHA256, both base64url; no expiry for
 * unsubscribe (a link in an old email must still work), an expiry for the others.
 */
export type EmailLinkPayload =
  | { p: "unsubscribe"; u: string; k: "reminders" | "summaries" | "digest" }
  | { p: "not-today"; u: string; a: string; o: string; exp: number };

export function signEmailLink(secret: string, payload: EmailLinkPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const mac = createHmac("sha256", `email-link:${secret}`).update(body).digest("base64url");
  return `${body}.${mac}`;
}

export function verifyEmailLink(
  secret: string,
  token: string,
  now = new Date(),
): EmailLinkPayload | null {
  const [body, mac] = token.split(".");
  if (!body || !mac || token.length > 2000) return null;
  const expected = createHmac("sha256", `email-link:${secret}`).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as EmailLinkPayload;
    if ("exp" in payload && payload.exp < now.getTime()) return null;
    return payload;
  } catch {
    return null;
  }
}
