import { listAccessToClient } from "@tend/db";
import { z } from "zod";
import { clientProcedure } from "../../init.ts";

/** Who opened the client's data and when: shown to the client, on their own account only. */
export const listAccessLog = clientProcedure
  .output(
    z.array(
      z.object({ at: z.date(), viewerName: z.string(), viewerRole: z.string(), what: z.string() }),
    ),
  )
  .query(({ ctx }) => listAccessToClient(ctx.db, ctx.client.id));
