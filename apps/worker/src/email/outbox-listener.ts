import { OUTBOX_CHANNEL } from "@tend/db";
import pg from "pg";
import type { Logger } from "../logger.ts";

export type OutboxListener = { close: () => Promise<void> };

/**
 * A dedicated PostgreSQL connection doing `LISTEN tend_outbox`, so a new outbox row is sent at
 * once rather than at the next poll. It reconnects when the database goes away, and calls
 * `onNotify` after every (re)connect too: rows written while nobody listened are not missed.
 */
export function listenForOutbox({
  databaseUrl,
  log,
  onNotify,
}: {
  databaseUrl: string;
  log: Logger;
  onNotify: () => void;
}): OutboxListener {
  let client: pg.Client | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let failures = 0;
  let closed = false;

  const dropAndReconnect = (c: pg.Client) => {
    if (client !== c) return; // already handled
    client = undefined;
    c.end().catch(() => undefined);
    if (closed || reconnectTimer) return;
    failures++;
    const delay = Math.min(200 * failures, 2_000);
    if (failures === 1) log.warn("lost the outbox LISTEN connection; reconnecting");
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, delay);
  };

  const connect = async () => {
    if (closed) return;
    const c = new pg.Client({
      connectionString: databaseUrl,
      application_name: "tend-worker-listen",
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    client = c;
    c.on("notification", (msg) => {
      if (msg.channel === OUTBOX_CHANNEL) onNotify();
    });
    c.on("error", () => dropAndReconnect(c));
    c.on("end", () => dropAndReconnect(c));
    try {
      await c.connect();
      await c.query(`LISTEN ${c.escapeIdentifier(OUTBOX_CHANNEL)}`);
    } catch {
      dropAndReconnect(c);
      return;
    }
    if (client !== c) return;
    if (failures > 0) log.info("outbox LISTEN connection restored");
    failures = 0;
    onNotify();
  };

  void connect();

  return {
    close: async () => {
      closed = true;
      clearTimeout(reconnectTimer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
