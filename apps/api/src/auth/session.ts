import type { Db, UserRole } from "@tend/db";
import type { Auth } from "./auth.ts";

export type SessionInfo = {
  sessionId: string;
  userId: string;
  name: string;
  email: string;
  role: UserRole;
  twoFactorEnabled: boolean;
};

/**
 * Who is calling, from the session cookie. Enforces the absolute lifetime (sign in again
 * after ABSOLUTE hours, however active); better-auth enforces the idle timeout. A refreshed
 * cookie is copied into `resHeaders` so the browser's cookie slides with the session.
 */
export async function resolveSession(
  auth: Auth,
  db: Db,
  headers: Headers,
  resHeaders: Headers | null,
  absoluteHours: number,
): Promise<SessionInfo | null> {
  if (!headers.get("cookie")) return null;
  const { headers: authHeaders, response } = await auth.api.getSession({
    headers,
    returnHeaders: true,
  });
  if (!response) return null;
  const { session, user } = response;
  if (Date.now() - new Date(session.createdAt).getTime() > absoluteHours * 3600_000) {
    await db.deleteFrom("session").where("id", "=", session.id).execute();
    return null;
  }
  if (resHeaders)
    for (const cookie of authHeaders.getSetCookie()) resHeaders.append("set-cookie", cookie);
  return {
    sessionId: session.id,
    userId: user.id,
    name: user.name,
    email: user.email,
    role: (user as { role?: string }).role === "client" ? "client" : "therapist",
    twoFactorEnabled: Boolean((user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled),
  };
}
