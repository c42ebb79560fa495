import { z } from "zod";
import { publicProcedure } from "../../init.ts";

/** Whether someone is signed in, and as what. Answers anonymous callers too (no error). */
export const getSessionState = publicProcedure
  .output(
    z.object({
      signedIn: z.boolean(),
      role: z.enum(["therapist", "client"]).nullable(),
      name: z.string().nullable(),
    }),
  )
  .query(async ({ ctx }) => {
    const viewer = await ctx.getSession();
    return { signedIn: Boolean(viewer), role: viewer?.role ?? null, name: viewer?.name ?? null };
  });
