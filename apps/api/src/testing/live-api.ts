/**
 * A real API process (`node --import tsx apps/api/src/main.ts`, or the built
 * `apps/api/dist/main.js` that production runs) on a
 * database URL you choose, and a browser-like HTTP client for it: for outage and shutdown
 * tests, where the process, its sockets and its connection pool are what is being tested.
 */
import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import type { Db } from "@tend/db";

const root = path.resolve(import.meta.dirname, "../../../..");
export const LIVE_ORIGIN = "http://tend.test";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type LiveApi = {
  url: string;
  port: number;
  child: ChildProcess;
  logs: string[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop: (graceMs?: number) => Promise<number | null>;
};

export async function startLiveApi(
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
  /** `built`: the production bundle (`node apps/api/dist/main.js`, as `npm start` runs it). */
  { built = false }: { built?: boolean } = {},
): Promise<LiveApi> {
  const port = await freePort();
  const logs: string[] = [];
  const main = built
    ? ["--enable-source-maps", "apps/api/dist/main.js"]
    : ["--import", "tsx", "apps/api/src/main.ts"];
  const child = spawn(process.execPath, main, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: LIVE_ORIGIN,
      AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
      DATA_DIR: path.join(root, ".data/test"),
      WEB_DIST: path.join(root, ".data/test/no-web-dist"),
      LOG_LEVEL: "warn",
      TRUST_PROXY: "true",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (b) => logs.push(String(b)));
  child.stderr?.on("data", (b) => logs.push(String(b)));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api exited early:\n${logs.join("")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {}
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`api did not start:\n${logs.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = async (graceMs = 5_000) => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    }
    return exited;
  };
  return { url, port, child, logs, exited, stop };
}

export type LiveResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the server answered
  json: () => any;
};

/**
 * One request on a new connection (no keep-alive pool), so each request's fate is its own:
 * it either connects and gets an answer, or fails with a socket error (ECONNREFUSED…).
 */
export function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  timeoutMs = 15_000,
): Promise<LiveResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: init.method ?? "GET",
        headers: {
          ...(init.body !== undefined ? { "content-length": Buffer.byteLength(init.body) } : {}),
          ...init.headers,
        },
        agent: false,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json: () => JSON.parse(text),
          });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    req.on("error", reject);
    if (init.body !== undefined) req.write(init.body);
    req.end();
  });
}

let nextIp = 0;

/** A browser-like caller of a live API: keeps its cookies, sends the Origin on mutations. */
export class LiveCaller {
  cookies = new Map<string, string>();
  readonly ip = `10.250.${(++nextIp >> 8) & 255}.${nextIp & 255}`;
  constructor(readonly base: string) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return {
      origin: LIVE_ORIGIN,
      "x-forwarded-for": this.ip,
      ...(cookie ? { cookie } : {}),
      ...extra,
    };
  }

  private keep(res: LiveResponse) {
    const set = res.headers["set-cookie"] ?? [];
    for (const c of set) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (!value || /max-age=0/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async post(path: string, body: unknown): Promise<LiveResponse> {
    const res = await request(`${this.base}${path}`, {
      method: "POST",
      headers: this.headers({ "content-type": "application/json" }),
      body: JSON.stringify(body),
    });
    this.keep(res);
    return res;
  }

  async get(path: string): Promise<LiveResponse> {
    const res = await request(`${this.base}${path}`, { headers: this.headers() });
    this.keep(res);
    return res;
  }

  query(path: string, input?: unknown): Promise<LiveResponse> {
    return this.get(
      `/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
    );
  }

  mutation(path: string, input?: unknown): Promise<LiveResponse> {
    return this.post(`/trpc/${path}`, input ?? null);
  }

  /** The answer's data, or an error saying what came back instead. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the procedure answered
  async ok(res: Promise<LiveResponse>): Promise<any> {
    const r = await res;
    if (r.status !== 200) throw new Error(`${r.status} ${r.text.slice(0, 300)}`);
    return r.json().result.data;
  }
}

export type LiveTenant = {
  therapist: LiveCaller;
  client: LiveCaller;
  therapistId: string;
  clientId: string;
};

/**
 * A therapist who signs up and a client who accepts their invitation, over HTTP. The
 * invitation token is read from the outbox (as the worker would email it) through `db`.
 */
export async function signUpLiveTenant(base: string, db: Db, tag: string): Promise<LiveTenant> {
  const therapist = new LiveCaller(base);
  const signUp = await therapist.post("/api/auth/sign-up/email", {
    name: `Therapist ${tag}`,
    email: `therapist-${tag}@example.com`,
    password: "a calm river 2026",
  });
  if (signUp.status !== 200) throw new Error(`sign-up: ${signUp.status} ${signUp.text}`);
  const therapistId = (await therapist.ok(therapist.query("me.get"))).id;
  const email = `client-${tag}@example.com`;
  await therapist.ok(therapist.mutation("invitations.send", { name: `Client ${tag}`, email }));
  const row = await db
    .selectFrom("outbox")
    .select("data")
    .where("template", "=", "invite")
    .where("to_address", "=", email)
    .executeTakeFirstOrThrow();
  const client = new LiveCaller(base);
  const accept = await client.post("/api/auth/tend/accept-invitation", {
    token: String(row.data.url).split("#")[1],
    name: `Client ${tag}`,
    timeZone: "Europe/London",
    password: "a quiet harbour 2026",
  });
  if (accept.status !== 200) throw new Error(`accept: ${accept.status} ${accept.text}`);
  const clientId = (await client.ok(client.query("me.get"))).id;
  return { therapist, client, therapistId, clientId };
}
