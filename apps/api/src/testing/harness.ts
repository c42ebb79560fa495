import { FieldCipher } from "@tend/db";
import { createTestDatabase, type TestDatabase } from "@tend/db/testing";
import pino from "pino";
import { createApp } from "../app.ts";
import { createAuth } from "../auth/auth.ts";
import type { SessionRow } from "../auth/session.ts";
import type { SessionCache } from "../cache/session-cache.ts";
import { type ApiEnv, readApiEnv } from "../env.ts";
import type { Logger } from "../logger.ts";
import { testLogLevel } from "./test-env.ts";

export const TEST_ORIGIN = "http://tend.test";

export type TestApi = {
  db: TestDatabase["db"];
  env: ApiEnv;
  app: ReturnType<typeof createApp>;
  auth: ReturnType<typeof createAuth>;
  /** The test database itself: pass it as `database` to build another app on the same data. */
  database: TestDatabase;
  drop: () => Promise<void>;
};

/**
 * The real app (real better-auth, real PostgreSQL) without a socket: requests go through app.request.
 * Pass `database` to build a second app (other settings) on a database you already have; its
 * `drop` then leaves that database alone. Pass `log` to see (or capture) what the app logs.
 */
export async function createTestApi(
  overrides: Record<string, string> = {},
  {
    database,
    log: givenLog,
    sessions,
  }: { database?: TestDatabase; log?: Logger; sessions?: SessionCache<SessionRow> } = {},
): Promise<TestApi> {
  const t = database ?? (await createTestDatabase());
  const env = readApiEnv({
    NODE_ENV: "test",
    DATABASE_URL: t.url,
    PUBLIC_URL: TEST_ORIGIN,
    AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    DATA_ENCRYPTION_KEY: FieldCipher.generateSpec("test1"),
    LOG_LEVEL: "silent",
    ...overrides,
  });
  const log = givenLog ?? pino({ level: testLogLevel() });
  const auth = createAuth({ db: t.db, env, log });
  const cipher = FieldCipher.fromSpec(env.DATA_ENCRYPTION_KEY);
  const app = createApp({ db: t.db, config: env, log, auth, cipher, sessions });
  return { db: t.db, env, app, auth, database: t, drop: database ? async () => {} : t.drop };
}

let nextIp = 0;
/** A different address for every caller, so per-IP limits (with TRUST_PROXY=true) don't mix tests. */
export function uniqueIp(): string {
  nextIp++;
  return `10.${(nextIp >> 16) & 255}.${(nextIp >> 8) & 255}.${nextIp & 255}`;
}

export type FetchOptions = {
  /** The Origin header for a mutation: the app's PUBLIC_URL unless given; null sends none. */
  origin?: string | null;
};

/** A browser-like caller: keeps its cookies and sends our Origin on mutations. */
export class Caller {
  cookies = new Map<string, string>();
  constructor(
    private api: TestApi,
    public ip = uniqueIp(),
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (!value || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async fetch(path: string, init: RequestInit = {}, opts: FetchOptions = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.cookieHeader());
    if (opts.origin !== undefined) {
      if (opts.origin === null) headers.delete("origin");
      else headers.set("origin", opts.origin);
    } else if (init.method && init.method !== "GET" && !headers.has("origin"))
      headers.set("origin", new URL(this.api.env.PUBLIC_URL).origin);
    headers.set("x-forwarded-for", this.ip);
    const res = await this.api.app.request(path, { ...init, headers });
    this.keep(res);
    return res;
  }

  async authPost(
    path: string,
    body: unknown,
    opts: FetchOptions & { headers?: Record<string, string> } = {},
  ): Promise<Response> {
    return this.fetch(
      `/api/auth${path}`,
      {
        method: "POST",
        headers: { "content-type": "application/json", ...opts.headers },
        body: JSON.stringify(body),
      },
      opts,
    );
  }

  /** Sign in with email and password; returns the raw response (200 on success). */
  signIn(email: string, password: string): Promise<Response> {
    return this.authPost("/sign-in/email", { email, password });
  }

  /** The session token in this caller's cookie (the part before the signature), or null. */
  sessionToken(): string | null {
    for (const [name, value] of this.cookies) {
      if (!/(^|\.)session_token$/.test(name)) continue;
      const signed = decodeURIComponent(value);
      return signed.slice(0, signed.lastIndexOf("."));
    }
    return null;
  }

  /** Call a tRPC procedure over HTTP, as the web does. */
  async trpc(
    path: string,
    type: "query" | "mutation",
    input?: unknown,
    opts: FetchOptions & { headers?: Record<string, string> } = {},
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the procedure answered
  ): Promise<{ status: number; body: any }> {
    const res =
      type === "query"
        ? await this.fetch(
            `/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
            { headers: opts.headers ?? {} },
            opts,
          )
        : await this.fetch(
            `/trpc/${path}`,
            {
              method: "POST",
              headers: { "content-type": "application/json", ...opts.headers },
              body: JSON.stringify(input ?? null),
            },
            opts,
          );
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async query(path: string, input?: unknown) {
    const r = await this.trpc(path, "query", input);
    if (r.status !== 200) throw new Error(`${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.result.data;
  }

  async mutate(path: string, input?: unknown) {
    const r = await this.trpc(path, "mutation", input);
    if (r.status !== 200) throw new Error(`${path} → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.result.data;
  }
}

export type Actor = { caller: Caller; id: string; name: string; email: string };

export async function signUpTherapist(
  api: TestApi,
  name: string,
  email: string,
  password = "a calm river 2026",
): Promise<Actor> {
  const caller = new Caller(api);
  const res = await caller.authPost("/sign-up/email", { name, email, password });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const me = await caller.query("me.get");
  return { caller, id: me.id, name, email };
}

/** The invitation token from the newest invite email to `email` (read from the outbox, as the worker would). */
export async function latestInvitationToken(api: TestApi, email: string): Promise<string> {
  const row = await api.db
    .selectFrom("outbox")
    .select(["data"])
    .where("template", "=", "invite")
    .where("to_address", "=", email)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  return String(row.data.url).split("#")[1]!;
}

export async function inviteAndAccept(
  api: TestApi,
  therapist: Actor,
  name: string,
  email: string,
  password: string | undefined = "a quiet harbour 2026",
): Promise<Actor> {
  await therapist.caller.mutate("invitations.send", { name, email });
  const token = await latestInvitationToken(api, email);
  const caller = new Caller(api);
  const res = await caller.authPost("/tend/accept-invitation", {
    token,
    name,
    timeZone: "Europe/London",
    password,
  });
  if (res.status !== 200) throw new Error(`accept failed: ${res.status} ${await res.text()}`);
  const me = await caller.query("me.get");
  return { caller, id: me.id, name, email };
}

/** Emails queued in the outbox, oldest first (what the worker would send). */
export async function outboxRows(api: TestApi, filter: { template?: string; to?: string } = {}) {
  let q = api.db.selectFrom("outbox").selectAll().orderBy("created_at").orderBy("id");
  if (filter.template) q = q.where("template", "=", filter.template);
  if (filter.to) q = q.where("to_address", "=", filter.to.toLowerCase());
  return q.execute();
}

/** The session row behind a caller's cookie. */
export async function sessionRowOf(api: TestApi, caller: Caller) {
  const token = caller.sessionToken();
  if (!token) return undefined;
  return api.db.selectFrom("session").selectAll().where("token", "=", token).executeTakeFirst();
}
