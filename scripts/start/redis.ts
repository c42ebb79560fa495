import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import tls from "node:tls";
import { StopOrder } from "./child.ts";
import type { Context } from "./context.ts";
import { displayPath, redactUrl } from "./output.ts";
import { StartError } from "./start-error.ts";
import { waitUntil } from "./wait.ts";

export type RedisInUse = { url: string; description: string };

type Ping = { ok: true } | { ok: false; answered: boolean; reason: string };

/**
 * REDIS_URL when something answers there. Otherwise, for a local URL, start `redis-server`
 * (when installed) with its data under DATA_DIR/redis; otherwise stop with how to get Redis.
 */
export async function provideRedis(ctx: Context): Promise<RedisInUse> {
  const { config, out } = ctx;
  const url = new URL(config.redisUrl);
  const shown = redactUrl(config.redisUrl);
  const ping = await pingRedis(url);
  if (ping.ok) return { url: config.redisUrl, description: `${shown} (already running)` };
  if (ping.answered) {
    throw new StartError(
      /NOAUTH|WRONGPASS|AUTH/.test(ping.reason)
        ? `Redis at ${shown} did not let us in (${ping.reason}): put its password in REDIS_URL, as redis://:password@host:port.`
        : `Something answers at ${shown} but it is not a Redis we can use (${ping.reason}): check REDIS_URL.`,
    );
  }
  const local = url.protocol === "redis:" && isLoopback(url.hostname);
  const redisServer = local ? findOnPath("redis-server", config.searchPath) : undefined;
  if (!redisServer) {
    throw new StartError(
      local
        ? `Tend needs Redis and nothing answers at ${shown}: install it (sudo apt-get install redis-server, or brew install redis) and run this again, or set REDIS_URL to a Redis server you have.`
        : `Tend needs Redis and nothing answers at ${shown} (${ping.reason}): start that server or set REDIS_URL to one that runs.`,
    );
  }

  const dataDir = path.join(config.dataDir, "redis");
  const where = displayPath(dataDir, ctx.repoRoot);
  const port = url.port || "6379";
  mkdirSync(dataDir, { recursive: true });
  out.say(
    `Nothing answers at ${shown}: starting redis-server on 127.0.0.1:${port} (data in ${where})…`,
  );
  const child = ctx.sup.start({
    tag: "redis",
    what: "redis-server",
    command: redisServer,
    args: [
      ...["--port", port, "--bind", "127.0.0.1", "--dir", dataDir],
      ...["--appendonly", "yes", "--maxmemory-policy", "noeviction", "--save", "60", "1"],
      ...(url.password ? ["--requirepass", decodeURIComponent(url.password)] : []),
    ],
    cwd: dataDir,
    env: config.inheritedEnv,
    // SIGTERM makes it write its data to disk; give it time to.
    graceMs: 15_000,
    stopRank: StopOrder.redis,
  });
  const up = await waitUntil(async () => (await pingRedis(url)).ok, {
    timeoutMs: 15_000,
    signal: ctx.sup.signal,
  });
  if (!up) throw new StartError(`redis-server started but did not answer at ${shown} within 15 s.`);
  child.ready = true;
  return { url: config.redisUrl, description: `${shown} (started here, data in ${where})` };
}

/** Send PING (after AUTH when the URL has a password) and expect +PONG. No client library needed. */
export function pingRedis(url: URL, timeoutMs = 1_000): Promise<Ping> {
  const commands: string[][] = [];
  if (url.password) {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    commands.push(user ? ["AUTH", user, password] : ["AUTH", password]);
  }
  commands.push(["PING"]);

  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const port = Number(url.port || 6379);
    const secure = url.protocol === "rediss:";
    const socket = secure
      ? tls.connect({ host, port, servername: host })
      : net.connect({ host, port });
    let settled = false;
    let received = "";
    const settle = (result: Ping) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => settle({ ok: false, answered: false, reason: "no answer" }));
    socket.once(secure ? "secureConnect" : "connect", () =>
      socket.write(commands.map(toResp).join("")),
    );
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString("latin1");
      const replies = received.split("\r\n");
      if (replies.length <= commands.length) return; // Not all replies are in yet.
      const answers = replies.slice(0, commands.length);
      // A password for a Redis without one is harmless: clients go on, and so do we.
      const refusal =
        answers.find(
          (a) => !a.startsWith("+") && !/without any password|no password is set/.test(a),
        ) ?? "";
      if (answers.at(-1) === "+PONG" && !refusal) settle({ ok: true });
      else settle({ ok: false, answered: true, reason: refusal.replace(/^-/, "").slice(0, 80) });
    });
    socket.once("error", (error: NodeJS.ErrnoException) =>
      settle({ ok: false, answered: false, reason: error.code ?? error.message }),
    );
    socket.once("close", () => settle({ ok: false, answered: true, reason: "connection closed" }));
  });
}

function toResp(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;
}

function isLoopback(hostname: string): boolean {
  return ["127.0.0.1", "localhost", "[::1]", "::1"].includes(hostname);
}

function findOnPath(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here.
    }
  }
  return undefined;
}
