// API load: autocannon against a real API process on the seeded database, with real sessions
// (a sample of users signed in over HTTP, their cookies rotated across requests).
import autocannon from "autocannon";
import pg from "pg";
import { BENCH_ORIGIN, BENCH_PASSWORD } from "./lib/env.ts";
import type { Results } from "./lib/results.ts";

export type LoadOptions = { connections: number; durationS: number; warmupS: number };

type Target = { name: string; path: (i: number) => string; cookies: string[] };

export type SignedIn = { email: string; cookie: string; userId: string };

let ipCounter = 0;
/** A distinct documentation-range address per sign-in (the API runs with TRUST_PROXY=true). */
function nextIp() {
  ipCounter++;
  return `198.18.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

/** Sign in over HTTP as a browser would; returns the session cookie (name=value). */
export async function signIn(apiUrl: string, email: string): Promise<SignedIn> {
  const res = await fetch(`${apiUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      origin: BENCH_ORIGIN,
      "x-forwarded-for": nextIp(),
    },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
  const line = res.headers.getSetCookie().find((c) => /session_token=/.test(c.split(";")[0]!));
  if (!line) throw new Error(`sign-in of ${email}: no session cookie`);
  const body = (await res.json()) as { user: { id: string } };
  return { email, cookie: line.split(";")[0]!, userId: body.user.id };
}

/** Sign in many users, two at a time (argon2 verification is the cost). */
export async function signInMany(apiUrl: string, emails: string[]): Promise<SignedIn[]> {
  const out: SignedIn[] = [];
  const queue = [...emails];
  await Promise.all(
    [0, 1].map(async () => {
      for (let email = queue.shift(); email; email = queue.shift())
        out.push(await signIn(apiUrl, email));
    }),
  );
  return out;
}

export async function load(
  url: string,
  target: { path: (i: number) => string; cookies: string[] },
  { connections, durationS }: { connections: number; durationS: number },
) {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: durationS,
    timeout: 10,
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          const n = i++;
          const cookie = target.cookies.length
            ? target.cookies[n % target.cookies.length]
            : undefined;
          return {
            ...req,
            path: target.path(n),
            headers: { ...req.headers, ...(cookie ? { cookie } : {}) },
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    /** The tail's shape, for the console line: p90, p97.5, p99.9 and the slowest. */
    tail: `p90 ${result.latency.p90} p97.5 ${result.latency.p97_5} p99.9 ${result.latency.p99_9} max ${result.latency.max}`,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

/** The sample: clients, and therapists each with one of their own clients to review. */
export async function pickSample(
  databaseUrl: string,
  { clients, therapists }: { clients: number; therapists: number },
) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    // Re-runs sign the same people in again: forget the bench's earlier sign-in attempts so the
    // per-account and per-address limits (rightly) stay out of the measurement.
    await c.query(`delete from rate_limit_bucket where key like 'signin:bench-%'`);
    await c.query(`delete from "rateLimit" where key like '198.18.%'`);
    const cs = await c.query<{ email: string }>(
      `select u.email from "user" u where u.role = 'client' and u.email like 'bench-client-%'
        order by md5(u.id) limit $1`,
      [clients],
    );
    const ts = await c.query<{ email: string; client_id: string }>(
      `select u.email, (select p.user_id from client_profile p where p.therapist_id = u.id
                          order by md5(p.user_id) limit 1) as client_id
         from "user" u where u.role = 'therapist' and u.email like 'bench-therapist-%'
        order by md5(u.id) limit $1`,
      [therapists],
    );
    return {
      clientEmails: cs.rows.map((r) => r.email),
      therapists: ts.rows.map((r) => ({ email: r.email, clientId: r.client_id })),
    };
  } finally {
    await c.end();
  }
}

/**
 * The five measurements, one after the other on the same process: a bare Hono route and a
 * constant tRPC query first (the references), then the three screens.
 */
export async function benchApi(
  apiUrl: string,
  databaseUrl: string,
  results: Results,
  options: LoadOptions & { clients: number; therapists: number },
) {
  const sample = await pickSample(databaseUrl, options);
  const t0 = performance.now();
  const clients = await signInMany(apiUrl, sample.clientEmails);
  const therapists = await signInMany(
    apiUrl,
    sample.therapists.map((t) => t.email),
  );
  const reviewOf = new Map(sample.therapists.map((t) => [t.email, t.clientId]));
  console.log(
    `  signed in ${clients.length} clients and ${therapists.length} therapists over HTTP in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const reviewPaths = therapists.map(
    (t) =>
      `/trpc/review.bundle?input=${encodeURIComponent(JSON.stringify({ clientId: reviewOf.get(t.email) }))}`,
  );
  const targets: Array<Target & { key: string }> = [
    { key: "hello", name: "GET /livez (bare Hono)", path: () => "/livez", cookies: [] },
    { key: "trpc_noop", name: "tRPC meta.ping", path: () => "/trpc/meta.ping", cookies: [] },
    {
      key: "today",
      name: "tRPC practice.today",
      path: () => "/trpc/practice.today",
      cookies: clients.map((c) => c.cookie),
    },
    {
      key: "clients",
      name: "tRPC clients.list",
      path: () => "/trpc/clients.list",
      cookies: therapists.map((t) => t.cookie),
    },
    {
      key: "review",
      name: "tRPC review.bundle",
      // Each therapist's cookie goes with a path to one of their own clients.
      path: (i) => reviewPaths[i % reviewPaths.length]!,
      cookies: therapists.map((t) => t.cookie),
    },
  ];
  // Sanity: every target answers 200 with these cookies before it is measured.
  for (const t of targets) {
    const res = await fetch(`${apiUrl}${t.path(0)}`, {
      headers: t.cookies[0] ? { cookie: t.cookies[0] } : {},
    });
    if (res.status !== 200) throw new Error(`${t.name}: ${res.status} ${await res.text()}`);
  }
  const measured: Record<string, Awaited<ReturnType<typeof load>>> = {};
  for (const t of targets) {
    if (options.warmupS > 0)
      await load(apiUrl, t, { connections: options.connections, durationS: options.warmupS });
    const r = await load(apiUrl, t, options);
    measured[t.key] = r;
    console.log(
      `  ${t.name.padEnd(26)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  errors ${r.errors}  (${r.total} requests)`,
    );
    const k = `api.${t.key}`;
    results.set(`${k}.rps`, r.rps, "req/s");
    results.set(`${k}.p50_ms`, r.p50, "ms");
    results.set(`${k}.p99_ms`, r.p99, "ms");
    results.set(`${k}.errors`, r.errors, "count");
  }
  results.set("api.today.ratio_to_noop", measured.today!.rps / measured.trpc_noop!.rps, "ratio");
  results.set("api.today.ratio_to_hello", measured.today!.rps / measured.hello!.rps, "ratio");
  return { clients, therapists, reviewOf };
}
