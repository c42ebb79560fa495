import { AppError, isValidTimeZone } from "@tend/core";
import type { Db } from "@tend/db";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";
import type { ApiEnv } from "../env.ts";
import { acceptInvitation } from "../invitations/accept-invitation.ts";
import { CLIENT_IP_HEADER } from "./client-ip.ts";

const bodySchema = z.object({
  token: z.string().min(20).max(200),
  name: z.string().trim().min(1, "Please tell us what to call you.").max(100),
  timeZone: z.string().refine(isValidTimeZone, "Please choose a time zone from the list."),
  password: z.string().max(200).optional(),
});

const status = { BAD_INPUT: "BAD_REQUEST", NOT_FOUND: "NOT_FOUND", CONFLICT: "CONFLICT" } as const;

/**
 * POST /api/auth/tend/accept-invitation: a client accepts an invitation, and is signed in
 * with a fresh session at once (the emailed link proved the address).
 */
export function acceptInvitationPlugin({ db }: { db: Db; env: ApiEnv }) {
  return {
    id: "tend-accept-invitation",
    endpoints: {
      acceptInvitation: createAuthEndpoint(
        "/tend/accept-invitation",
        { method: "POST", body: bodySchema },
        async (ctx) => {
          let userId: string;
          try {
            ({ userId } = await acceptInvitation(
              db,
              ctx.body,
              ctx.request?.headers.get(CLIENT_IP_HEADER) ?? null,
            ));
          } catch (err) {
            if (err instanceof AppError && err.code in status) {
              throw new APIError(status[err.code as keyof typeof status], { message: err.message });
            }
            throw err;
          }
          const user = await ctx.context.internalAdapter.findUserById(userId);
          if (!user) throw new APIError("INTERNAL_SERVER_ERROR");
          const session = await ctx.context.internalAdapter.createSession(userId);
          await setSessionCookie(ctx, { session, user });
          return ctx.json({ ok: true });
        },
      ),
    },
  } satisfies BetterAuthPlugin;
}
