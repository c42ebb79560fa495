import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";

/** A feed token: 32 random bytes, base64url (43 characters). Only its sha256 is stored. */
export const calendarTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export function hashCalendarToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newCalendarToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashCalendarToken(token) };
}

export function calendarFeedUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/calendar/${token}.ics`;
}
