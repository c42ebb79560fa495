import type { BrowserContext } from "playwright-core";
import type { RunningApi } from "./api-server.ts";

/** Someone signed in over HTTP: their session cookies, ready for a browser context. */
export type Session = { id: string; name: string; email: string; cookies: string[] };

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

async function post(api: RunningApi, path: string, body: unknown, cookies: string[] = []) {
  return fetch(`${api.url}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      // Mutations must come from Tend's own origin (the API checks).
      origin: api.url,
      ...(cookies.length ? { cookie: cookies.join("; ") } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** A tRPC mutation over HTTP, as the web app sends it. */
export async function trpcMutation<T = unknown>(
  api: RunningApi,
  session: Session,
  path: string,
  input: unknown,
): Promise<T> {
  const res = await post(api, `/trpc/${path}`, input, session.cookies);
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} → ${res.status} ${text}`);
  return (JSON.parse(text) as { result: { data: T } }).result.data;
}

/** A tRPC query over HTTP. */
export async function trpcQuery<T = unknown>(
  api: RunningApi,
  session: Session,
  path: string,
  input?: unknown,
): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(`${api.url}/trpc/${path}${query}`, {
    headers: { cookie: session.cookies.join("; ") },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} → ${res.status} ${text}`);
  return (JSON.parse(text) as { result: { data: T } }).result.data;
}

async function whoAmI(api: RunningApi, cookies: string[]) {
  const me = await trpcQuery<{ id: string }>(
    api,
    { id: "", name: "", email: "", cookies },
    "me.get",
  );
  return me.id;
}

/** A therapist account through the real sign-up endpoint. */
export async function signUpTherapistOverHttp(
  api: RunningApi,
  person: { name: string; email: string; password: string },
): Promise<Session> {
  const res = await post(api, "/api/auth/sign-up/email", person);
  if (!res.ok) throw new Error(`sign-up → ${res.status} ${await res.text()}`);
  const cookies = cookiesOf(res);
  return { id: await whoAmI(api, cookies), name: person.name, email: person.email, cookies };
}

/** The therapist invites a client; the client accepts with the token from the invitation email. */
export async function inviteClientOverHttp(
  api: RunningApi,
  therapist: Session,
  person: { name: string; email: string; password: string; timeZone: string },
): Promise<Session> {
  await trpcMutation(api, therapist, "invitations.send", {
    name: person.name,
    email: person.email,
  });
  const row = await api.db.db
    .selectFrom("outbox")
    .select(["data"])
    .where("template", "=", "invite")
    .where("to_address", "=", person.email)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const token = String((row.data as { url?: unknown }).url).split("#")[1];
  const res = await post(api, "/api/auth/tend/accept-invitation", {
    token,
    name: person.name,
    timeZone: person.timeZone,
    password: person.password,
  });
  if (!res.ok) throw new Error(`accept → ${res.status} ${await res.text()}`);
  const cookies = cookiesOf(res);
  return { id: await whoAmI(api, cookies), name: person.name, email: person.email, cookies };
}

/** Put a session's cookies into a browser context, so its pages are signed in. */
export async function signInContext(context: BrowserContext, api: RunningApi, session: Session) {
  await context.addCookies(
    session.cookies.map((pair) => {
      const i = pair.indexOf("=");
      return { name: pair.slice(0, i), value: pair.slice(i + 1), url: api.url };
    }),
  );
}
