import { createHmac, timingSafeEqual } from "node:crypto";
import { type ClientProfile, type Db, prepareOnEveryConnection, type UserRole } from "@tend/db";
import type { CompiledQuery } from "kysely";
import { LRUCache } from "lru-cache";
import type { SessionCache } from "../cache/session-cache.ts";
import type { Auth } from "./auth.ts";
import { authCall } from "./auth-call.ts";

export type SessionInfo = {
  sessionId: string;
  userId: string;
  name: string;
  email: string;
  role: UserRole;
  twoFactorEnabled: boolean;
  /** A client's profile, when the lookup already read it (saves clientProcedure a query). */
  clientProfile?: ClientProfile | undefined;
  /**
   * The user's data version, read with the session (see the data-version migration): screens
   * built for this version may be reused (cache/screen-cache.ts). Undefined when not read.
   */
  dataVersion?: number | undefined;
};

/**
 * Who is calling, from the session cookie. Enforces the absolute lifetime (sign in again
 * after ABSOLUTE hours, however active); better-auth enforces the idle timeout. A refreshed
 * cookie is copied into `resHeaders` so the browser's cookie slides with the session.
 *
 * Most calls take a fast path: one query, and nothing better-auth would do differently (see
 * `fastSession`). Anything else — no valid session, a session due to slide forward or to be
 * ended, a cookie better-auth would rewrite — goes through better-auth's own getSession.
 */
export async function resolveSession(
  auth: Auth,
  db: Db,
  headers: Headers,
  resHeaders: Headers | null,
  absoluteHours: number,
  sessions?: SessionCache<SessionRow>,
): Promise<SessionInfo | null> {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  const fast = await fastSession(auth, db, cookie, absoluteHours, sessions);
  if (fast) return fast;
  const { headers: authHeaders, response } = await authCall(() =>
    auth.api.getSession({ headers, returnHeaders: true }),
  );
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

/** What better-auth itself uses: its cookie names, secret, idle lifetime and update age. */
type AuthFacts = {
  sessionToken: string;
  sessionData: string;
  dontRemember: string;
  secret: string;
  expiresInSeconds: number;
  updateAgeSeconds: number;
};
const factsOf = new WeakMap<Auth, Promise<AuthFacts>>();

function authFacts(auth: Auth): Promise<AuthFacts> {
  let facts = factsOf.get(auth);
  if (!facts) {
    facts = auth.$context.then((c) => ({
      sessionToken: c.authCookies.sessionToken.name,
      sessionData: c.authCookies.sessionData.name,
      dontRemember: c.authCookies.dontRememberToken.name,
      secret: c.secret,
      expiresInSeconds: c.sessionConfig.expiresIn,
      updateAgeSeconds: c.sessionConfig.updateAge,
    }));
    factsOf.set(auth, facts);
  }
  return facts;
}

function readCookies(header: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    if (!out.has(name)) out.set(name, part.slice(i + 1).trim());
  }
  return out;
}

/**
 * The session token from better-auth's signed cookie (`<token>.<base64 HMAC-SHA256>`, URI
 * encoded), or null when it is missing or its signature does not verify.
 */
export function verifiedSessionToken(raw: string | undefined, secret: string): string | null {
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1), "base64");
  const expected = createHmac("sha256", secret).update(token).digest();
  return signature.length === expected.length && timingSafeEqual(signature, expected)
    ? token
    : null;
}

/**
 * Signed cookies whose signature has been checked, and the token each holds. The same cookie
 * comes with every request of a session, and checking its HMAC again each time was a few
 * percent of a cached screen's cost. Only cookies that verified are kept, so a forged one is
 * checked (and refused) every time.
 */
const verifiedCookies = new LRUCache<string, { secret: string; token: string }>({ max: 20_000 });

function knownSessionToken(raw: string | undefined, secret: string): string | null {
  if (!raw) return null;
  const known = verifiedCookies.get(raw);
  if (known?.secret === secret) return known.token;
  const token = verifiedSessionToken(raw, secret);
  if (token) verifiedCookies.set(raw, { secret, token });
  return token;
}

export type SessionRow = NonNullable<
  Awaited<ReturnType<ReturnType<typeof sessionQuery>["executeTakeFirst"]>>
>;
/** The session query, compiled once per database handle; each call only swaps the token. */
const compiledSessionQuery = new WeakMap<Db, CompiledQuery<SessionRow>>();

/**
 * A session and its user (and, for a client, their profile), in one query. It runs on nearly
 * every request, so it is compiled once and is a prepared statement: planning it cost
 * PostgreSQL several times what running it does (BENCHMARKS.md).
 */
export async function findSessionByToken(db: Db, token: string): Promise<SessionRow | undefined> {
  let compiled = compiledSessionQuery.get(db);
  if (!compiled) {
    compiled = sessionQuery(db, "").compile();
    prepareOnEveryConnection(compiled.sql);
    compiledSessionQuery.set(db, compiled);
  }
  const { rows } = await db.executeQuery<SessionRow>({ ...compiled, parameters: [token] });
  return rows[0];
}

function sessionQuery(db: Db, token: string) {
  return db
    .selectFrom("session as s")
    .innerJoin("user as u", "u.id", "s.userId")
    .leftJoin("client_profile as p", "p.user_id", "u.id")
    .leftJoin("user as t", "t.id", "p.therapist_id")
    .select([
      "s.id as sessionId",
      "s.createdAt",
      "s.expiresAt",
      "u.id as userId",
      "u.name",
      "u.email",
      "u.role",
      "u.twoFactorEnabled",
      "u.data_version as dataVersion",
      "p.therapist_id as therapistId",
      "p.time_zone as timeZone",
      "p.share_practice_log as sharePracticeLog",
      "t.name as therapistName",
    ])
    .where("s.token", "=", token);
}

/**
 * The session when better-auth's getSession would return it unchanged and set no cookie: a
 * validly signed token whose row exists, has not expired, is not due to slide forward
 * (`updateAge`) and is within the absolute lifetime, in a request without the cookies that make
 * better-auth rewrite headers (session data, "don't remember me"). Revocation stays immediate:
 * the row is read on every call. Returns null for everything else (the caller asks better-auth).
 */
async function fastSession(
  auth: Auth,
  db: Db,
  cookieHeader: string,
  absoluteHours: number,
  sessions: SessionCache<SessionRow> | undefined,
): Promise<SessionInfo | null> {
  const facts = await authFacts(auth);
  const cookies = readCookies(cookieHeader);
  if (cookies.has(facts.sessionData) || cookies.has(facts.dontRemember)) return null;
  const token = knownSessionToken(cookies.get(facts.sessionToken), facts.secret);
  if (!token) return null;
  const row = sessions
    ? (sessions.get(token) ?? (await sessions.load(token, () => findSessionByToken(db, token))))
    : await findSessionByToken(db, token);
  if (!row) return null;
  const now = Date.now();
  const expiresAt = row.expiresAt.getTime();
  if (expiresAt <= now) return null;
  // better-auth slides the session (and rewrites the cookie) once it is this old: let it.
  if (expiresAt - facts.expiresInSeconds * 1000 + facts.updateAgeSeconds * 1000 <= now) return null;
  if (now - row.createdAt.getTime() > absoluteHours * 3600_000) return null;
  return {
    sessionId: row.sessionId,
    userId: row.userId,
    name: row.name,
    email: row.email,
    role: row.role === "client" ? "client" : "therapist",
    twoFactorEnabled: Boolean(row.twoFactorEnabled),
    dataVersion: row.dataVersion,
    clientProfile:
      row.role === "client" && row.therapistId && row.timeZone && row.therapistName !== null
        ? {
            userId: row.userId,
            therapistId: row.therapistId,
            timeZone: row.timeZone,
            sharePracticeLog: row.sharePracticeLog ?? true,
            therapistName: row.therapistName,
          }
        : undefined,
  };
}

/**
 * Forget whatever this process keeps for the session in these request headers (after
 * better-auth changed it or its user: sign-out, password, two-factor, name). Other processes
 * hear of the change from PostgreSQL.
 */
export async function forgetCallerSession(
  auth: Auth,
  sessions: SessionCache<SessionRow> | undefined,
  headers: Headers,
): Promise<void> {
  const cookie = headers.get("cookie");
  if (!sessions || !cookie) return;
  const facts = await authFacts(auth);
  const token = verifiedSessionToken(readCookies(cookie).get(facts.sessionToken), facts.secret);
  if (!token) return;
  const row = sessions.get(token);
  sessions.forgetToken(token);
  if (row) sessions.forgetUser(row.userId);
}
