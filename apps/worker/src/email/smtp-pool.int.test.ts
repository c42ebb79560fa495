import net from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../../test/support/redis-server.ts";
import { type SmtpSink, startSmtpSink } from "../../../../test/support/smtp-sink.ts";
import { createPipelinePool } from "./smtp-pipeline.ts";
import { createSmtpPool } from "./smtp-pool.ts";

type Pool = {
  send: (envelope: { from: string; to: string[] }, message: string) => Promise<void>;
  close: () => void;
};

const FROM = "no-reply@tend.local";

function message(id: string): string {
  return [
    `From: ${FROM}`,
    `To: someone@example.com`,
    `Subject: pool ${id}`,
    `Message-ID: <${id}@tend.local>`,
    "",
    // A line starting with a dot must survive (dot-stuffing), and so must a long body.
    `hello ${id}`,
    ".a line that starts with a dot",
    "x".repeat(70),
    "",
  ].join("\r\n");
}

type PoolOpts = { maxConnections?: number; maxMessages?: number; socketTimeout?: number };
const TIMEOUTS = { connectionTimeout: 2_000, greetingTimeout: 500, socketTimeout: 2_000 };

/** The two clients behind createMailer: the pipelined one, and nodemailer's SMTPConnection. */
const kinds: Array<[string, (port: number, opts?: PoolOpts) => Pool]> = [
  [
    "pipelined pool",
    (port, opts = {}) =>
      createPipelinePool({
        host: "127.0.0.1",
        port,
        name: "tend.test",
        ...TIMEOUTS,
        ...(opts.socketTimeout ? { socketTimeout: opts.socketTimeout } : {}),
        maxConnections: opts.maxConnections ?? 3,
        maxMessages: opts.maxMessages ?? 100,
      }),
  ],
  [
    "SMTPConnection pool",
    (port, opts = {}) =>
      createSmtpPool({
        connection: {
          host: "127.0.0.1",
          port,
          secure: false,
          ...TIMEOUTS,
          ...(opts.socketTimeout ? { socketTimeout: opts.socketTimeout } : {}),
          logger: false,
        },
        maxConnections: opts.maxConnections ?? 3,
        maxMessages: opts.maxMessages ?? 100,
      }),
  ],
];

/** A server that counts connections (open now, most at once, all). */
async function countingServer() {
  const port = await freePort();
  let open = 0;
  let peak = 0;
  let total = 0;
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(_session, callback) {
      open++;
      total++;
      peak = Math.max(peak, open);
      callback();
    },
    onClose() {
      open--;
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push(Buffer.concat(chunks).toString("utf8"));
        callback();
      });
    },
  });
  server.on("error", () => undefined);
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return {
    port,
    received,
    stats: () => ({ open, peak, total }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let sink: SmtpSink;
const pools: Pool[] = [];
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterEach(() => {
  for (const p of pools.splice(0)) p.close();
  sink.answer(undefined);
  sink.answerFor(undefined);
  sink.delay(0);
});
afterAll(async () => {
  await sink.close();
});

describe.each(kinds)("%s", (_kind, poolFor) => {
  it("sends side by side over several connections, never more than its size, and renews them", async () => {
    const server = await countingServer();
    const pool = poolFor(server.port, { maxConnections: 3, maxMessages: 5 });
    pools.push(pool);
    try {
      const ids = Array.from({ length: 30 }, (_, i) => `many-${i}`);
      await Promise.all(
        ids.map((id) => pool.send({ from: FROM, to: ["someone@example.com"] }, message(id))),
      );
      expect(server.received).toHaveLength(30);
      for (const id of ids)
        expect(server.received.filter((m) => m.includes(`<${id}@tend.local>`))).toHaveLength(1);
      // Dot-stuffing undone by the server: the body arrives as written.
      expect(server.received[0]).toContain("\r\n.a line that starts with a dot\r\n");
      const { peak, total } = server.stats();
      expect(peak).toBeGreaterThan(1);
      expect(peak).toBeLessThanOrEqual(3);
      // 30 messages, at most 5 per connection.
      expect(total).toBeGreaterThanOrEqual(6);
    } finally {
      pool.close();
      await server.close();
    }
  });

  it("a 5xx or 4xx for one recipient fails that message only; the others and later ones go out", async () => {
    const pool = poolFor(sink.port, { maxConnections: 2 });
    pools.push(pool);
    sink.answerFor((address) =>
      address.startsWith("refused")
        ? { code: 550, message: "no such mailbox" }
        : address.startsWith("later")
          ? { code: 451, message: "try again later" }
          : undefined,
    );
    const before = sink.messages.length;
    const results = await Promise.allSettled(
      ["ok-1@example.com", "refused@example.com", "later@example.com", "ok-2@example.com"].map(
        (to, i) => pool.send({ from: FROM, to: [to] }, message(`mixed-${i}`)),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    const code = (r: PromiseSettledResult<void>) =>
      r.status === "rejected" ? (r.reason as { responseCode?: number }).responseCode : undefined;
    expect(code(results[1]!)).toBe(550);
    expect(code(results[2]!)).toBe(451);
    // The refusals left the sessions usable (RSET): more messages go out.
    await Promise.all(
      [5, 6, 7].map((i) =>
        pool.send({ from: FROM, to: ["ok@example.com"] }, message(`mixed-${i}`)),
      ),
    );
    const ids = sink.messages.slice(before).map((m) => m.messageId);
    expect(ids.sort()).toEqual(
      ["mixed-0", "mixed-3", "mixed-5", "mixed-6", "mixed-7"]
        .map((i) => `<${i}@tend.local>`)
        .sort(),
    );
  });

  it("many messages over one connection: each refusal is that message's own, in any order", async () => {
    const pool = poolFor(sink.port, { maxConnections: 1 });
    pools.push(pool);
    sink.answerFor((address) =>
      address.startsWith("no-")
        ? { code: 550, message: "no such mailbox" }
        : address.startsWith("wait-")
          ? { code: 451, message: "try again later" }
          : undefined,
    );
    const to = (i: number) =>
      `${i % 5 === 0 ? "no-" : i % 7 === 0 ? "wait-" : "ok-"}${i}@example.com`;
    const before = sink.messages.length;
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        pool.send({ from: FROM, to: [to(i)] }, message(`one-conn-${i}`)),
      ),
    );
    const codes = results.map((r) =>
      r.status === "fulfilled" ? 250 : (r.reason as { responseCode?: number }).responseCode,
    );
    expect(codes).toEqual(
      Array.from({ length: 24 }, (_, i) => (i % 5 === 0 ? 550 : i % 7 === 0 ? 451 : 250)),
    );
    const arrived = sink.messages.slice(before);
    expect(arrived.map((m) => m.messageId)).toEqual(
      codes.flatMap((c, i) => (c === 250 ? [`<one-conn-${i}@tend.local>`] : [])),
    );
    // Each message went to its own recipient, with its own body.
    for (const m of arrived) {
      const i = Number(/one-conn-(\d+)/.exec(m.messageId ?? "")?.[1]);
      expect(m.envelopeTo).toEqual([to(i)]);
      expect(m.text).toContain(`hello one-conn-${i}`);
    }
  });

  it("refuses an address that would end its command early, before sending anything", async () => {
    const pool = poolFor(sink.port, { maxConnections: 1 });
    pools.push(pool);
    const before = sink.messages.length;
    for (const to of ["a@example.com>\r\nRCPT TO:<b@example.com", "c@example.com\nDATA"])
      await expect(pool.send({ from: FROM, to: [to] }, message("smuggled"))).rejects.toMatchObject({
        code: "EENVELOPE",
      });
    await pool.send({ from: FROM, to: ["a@example.com"] }, message("after-smuggled"));
    expect(sink.messages.slice(before).map((m) => m.envelopeTo)).toEqual([["a@example.com"]]);
  });

  it("gives up on a message the server sits on, within the socket timeout", async () => {
    const pool = poolFor(sink.port, { maxConnections: 1, socketTimeout: 400 });
    pools.push(pool);
    sink.delay(3_000);
    const started = Date.now();
    await expect(
      pool.send({ from: FROM, to: ["a@example.com"] }, message("sat-on")),
    ).rejects.toMatchObject({ code: "ETIMEDOUT" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("a refusal after DATA fails that message only", async () => {
    const pool = poolFor(sink.port, { maxConnections: 1 });
    pools.push(pool);
    sink.answer({ code: 552, message: "too big", at: "data" });
    await expect(
      pool.send({ from: FROM, to: ["a@example.com"] }, message("data-refused")),
    ).rejects.toMatchObject({ responseCode: 552 });
    sink.answer(undefined);
    const before = sink.messages.length;
    await pool.send({ from: FROM, to: ["a@example.com"] }, message("after-refusal"));
    expect(sink.messages.slice(before).map((m) => m.messageId)).toEqual([
      "<after-refusal@tend.local>",
    ]);
  });

  it("opens new connections after the server drops them, and fails sends while it is down", async () => {
    const pool = poolFor(sink.port, { maxConnections: 2 });
    pools.push(pool);
    await pool.send({ from: FROM, to: ["a@example.com"] }, message("before-drop"));
    await sink.down();
    await expect(
      pool.send({ from: FROM, to: ["a@example.com"] }, message("while-down")),
    ).rejects.toBeInstanceOf(Error);
    await sink.up();
    const before = sink.messages.length;
    await Promise.all(
      [1, 2, 3].map((i) =>
        pool.send({ from: FROM, to: ["a@example.com"] }, message(`after-drop-${i}`)),
      ),
    );
    expect(sink.messages.length - before).toBe(3);
  });

  it("a connection the server drops mid-queue: the messages not yet started go out over a new one", async () => {
    const port = await freePort();
    const received: string[] = [];
    const server: SMTPServer = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, _session, callback) {
        let head = "";
        stream.on("data", (c: Buffer) => {
          head += c.toString("latin1");
        });
        stream.on("end", () => {
          received.push(/^message-id:\s*(\S+)/im.exec(head)?.[1] ?? "");
          callback();
          // The third message in, the server hangs up on everyone.
          if (received.length === 3)
            setImmediate(() => {
              for (const c of (server as unknown as { connections: Set<{ close: () => void }> })
                .connections)
                c.close();
            });
        });
      },
    });
    server.on("error", () => undefined);
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
    const pool = poolFor(port, { maxConnections: 1 });
    try {
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          pool.send({ from: FROM, to: ["a@example.com"] }, message(`dropped-${i}`)),
        ),
      );
      const sent = results.flatMap((r, i) =>
        r.status === "fulfilled" ? [`<dropped-${i}@tend.local>`] : [],
      );
      // Whatever was on the wire when the server hung up may fail (the outbox retries it);
      // the rest went out over a new connection.
      expect(sent.length).toBeGreaterThanOrEqual(6);
      for (const id of sent) expect(received.filter((r) => r === id)).toHaveLength(1);
      expect(new Set(received).size).toBe(received.length);
      for (const r of results)
        if (r.status === "rejected")
          expect((r.reason as { code?: string }).code).toBe("ECONNECTION");
    } finally {
      pool.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("gives up on a server that never answers within the greeting timeout", async () => {
    const port = await freePort();
    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s)); // accepts, says nothing
    await new Promise<void>((resolve) => silent.listen(port, "127.0.0.1", () => resolve()));
    const pool = poolFor(port, { maxConnections: 1 });
    pools.push(pool);
    try {
      const started = Date.now();
      await expect(
        pool.send({ from: FROM, to: ["a@example.com"] }, message("silent")),
      ).rejects.toMatchObject({ code: "ETIMEDOUT" });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("close() ends its connections and refuses further sends", async () => {
    const server = await countingServer();
    const pool = poolFor(server.port, { maxConnections: 2 });
    try {
      await Promise.all(
        [1, 2].map((i) => pool.send({ from: FROM, to: ["a@example.com"] }, message(`close-${i}`))),
      );
      expect(server.stats().open).toBe(2);
      pool.close();
      const until = Date.now() + 2_000;
      while (server.stats().open > 0 && Date.now() < until)
        await new Promise((r) => setTimeout(r, 20));
      expect(server.stats().open).toBe(0);
      await expect(
        pool.send({ from: FROM, to: ["a@example.com"] }, message("after-close")),
      ).rejects.toThrow(/closed/);
    } finally {
      await server.close();
    }
  });
});
