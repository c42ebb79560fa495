import { Redis } from "ioredis";

/**
 * Connections for BullMQ, with the production settings it asks for:
 * - workers block on Redis: `maxRetriesPerRequest: null`, so a Redis restart makes them wait, not throw;
 * - producers fail fast when Redis is away: `enableOfflineQueue: false`.
 * ioredis reconnects by itself; the delay is capped so a returning Redis is noticed within 2 s.
 */
const retryStrategy = (times: number) => Math.min(200 * times, 2_000);

export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
}

export function producerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 3, enableOfflineQueue: false, retryStrategy });
}
