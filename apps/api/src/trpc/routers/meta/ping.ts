import { z } from "zod";
import { publicProcedure } from "../../init.ts";

/**
 * A constant answer through the whole tRPC path (adapter, middleware, output validation) and
 * nothing else: no session, no database. The benchmark's measure of what the framework costs.
 */
export const ping = publicProcedure
  .output(z.object({ ok: z.literal(true) }))
  .query(() => ({ ok: true as const }));
