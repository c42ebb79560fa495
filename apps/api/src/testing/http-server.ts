/**
 * The real app on a real socket (127.0.0.1, a free port), in this process: for tests about
 * what only HTTP itself can carry (raw bytes, broken encodings, huge bodies, connections),
 * plus a tiny built web app so the static routes answer too.
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { serve } from "@hono/node-server";
import { FieldCipher } from "@tend/db";
import pino from "pino";
import { createApp } from "../app.ts";
import type { Caller, TestApi } from "./harness.ts";
import { testLogLevel } from "./test-env.ts";

export const INDEX_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tend</title>
<script type="module" src="/assets/app-abc123.js"></script></head>
<body><div id="root"></div></body></html>`;

/** A stand-in for apps/web/dist: index.html, one hashed asset, a favicon. */
export function makeWebDist(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tend-web-dist-"));
  mkdirSync(path.join(dir, "assets"));
  writeFileSync(path.join(dir, "index.html"), INDEX_HTML);
  writeFileSync(path.join(dir, "assets/app-abc123.js"), "console.log('tend');\n");
  writeFileSync(path.join(dir, "favicon.ico"), "icon");
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export type TestServer = {
  url: string;
  port: number;
  app: ReturnType<typeof createApp>;
  close: () => Promise<void>;
};

/** Serve a test API's database, auth and settings (plus a web dist) on a real socket. */
export async function startTestServer(api: TestApi, webDist?: string): Promise<TestServer> {
  const log = pino({ level: testLogLevel() });
  const cipher = FieldCipher.fromSpec(api.env.DATA_ENCRYPTION_KEY);
  const app = createApp(
    { db: api.db, config: api.env, log, auth: api.auth, cipher },
    webDist ? { webDist } : {},
  );
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    app,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** The Cookie header of a harness caller, to use its session over a real socket. */
export function cookieOf(caller: Caller): string {
  return [...caller.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
}

export type RawResponse = { status: number; headers: string; body: string; raw: string };

/**
 * Send bytes exactly as given (no client-side URL or header normalisation) and read the
 * answer until the server closes the connection (send `Connection: close`) or `timeoutMs`.
 */
export function rawRequest(
  port: number,
  request: string | Buffer,
  timeoutMs = 10_000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString("utf8");
      const [head = "", ...rest] = raw.split("\r\n\r\n");
      const status = Number(head.match(/^HTTP\/1\.[01] (\d{3})/)?.[1] ?? 0);
      resolve({ status, headers: head, body: rest.join("\r\n\r\n"), raw });
    };
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, timeoutMs);
    socket.on("data", (d) => chunks.push(d));
    socket.on("end", done);
    socket.on("error", (err) => {
      // A reset after the answer arrived (e.g. the server stops reading a huge body) is fine.
      if (chunks.length) done();
      else {
        clearTimeout(timer);
        reject(err);
      }
    });
    socket.write(request);
  });
}
