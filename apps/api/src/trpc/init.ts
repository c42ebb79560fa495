import { AppError, type AppErrorCode } from "@tend/core";
import { findClientOfTherapist, findClientProfile, isDatabaseUnavailable } from "@tend/db";
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/unstable-core-do-not-import";
import { z } from "zod";
import { findUnsafeText, UNSAFE_TEXT_MESSAGE } from "../http/unsafe-text.ts";
import type { Context } from "./context.ts";

const codeMap: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_INPUT: "BAD_REQUEST",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** The one place where domain errors become tRPC/HTTP errors. */
export function toTRPCError(err: unknown): TRPCError {
  // PostgreSQL down or restarting: a 503 (app.ts adds Retry-After), not a 500 nobody can act on.
  if (isDatabaseUnavailable(err))
    return new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: "Tend is briefly unavailable. Please try again in a moment.",
      cause: err,
    });
  if (err instanceof TRPCError) return err;
  if (err instanceof AppError)
    return new TRPCError({ code: codeMap[err.code], message: err.message, cause: err });
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "Something went wrong on our side.",
    cause: err,
  });
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    // Never leak internals (stack traces, SQL) to the browser. Input problems say which field.
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    const zodIssues =
      error.code === "BAD_REQUEST" &&
      error.cause &&
      "issues" in error.cause &&
      Array.isArray(error.cause.issues)
        ? (error.cause.issues as Array<{ path: PropertyKey[]; message: string }>).map((i) => ({
            path: i.path.map(String).join("."),
            message: i.message,
          }))
        : undefined;
    return {
      message: internal
        ? "Something went wrong on our side."
        : zodIssues
          ? "Some fields need another look."
          : shape.message,
      code: shape.code,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        ...(zodIssues ? { issues: zodIssues } : {}),
      },
    };
  },
});

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok)
    throw toTRPCError(result.error.cause instanceof AppError ? result.error.cause : result.error);
  return result;
});

/**
 * Text PostgreSQL cannot store (NUL, lone surrogates) is refused before any procedure runs:
 * otherwise it fails deep in a query with a 500, possibly after an earlier write.
 */
const refuseUnsafeText = t.middleware(async ({ getRawInput, next }) => {
  let raw: unknown;
  try {
    raw = await getRawInput();
  } catch {
    return next(); // unreadable input: the procedure's own input parser answers (or ignores it)
  }
  const path = findUnsafeText(raw);
  if (path)
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: UNSAFE_TEXT_MESSAGE,
      cause: Object.assign(new Error(UNSAFE_TEXT_MESSAGE), {
        issues: [{ path, message: UNSAFE_TEXT_MESSAGE }],
      }),
    });
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(mapErrors).use(refuseUnsafeText);

/** Any signed-in person. `ctx.viewer` is who they are. */
export const authedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const viewer = await ctx.getSession();
  if (!viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  try {
    return await next({ ctx: { viewer } });
  } finally {
    // A write may have moved the caller's data version: their next request reads it afresh here
    // at once (other processes hear it from PostgreSQL).
    if (type === "mutation") ctx.sessions?.forgetUser(viewer.userId);
  }
});

/** A therapist. Every query a procedure makes is scoped by `ctx.therapist.id`. */
export const therapistProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.viewer.role !== "therapist")
    throw new TRPCError({ code: "FORBIDDEN", message: "This is for therapists." });
  return next({ ctx: { therapist: { id: ctx.viewer.userId, name: ctx.viewer.name } } });
});

/** A client. `ctx.client` carries their therapist and time zone. */
export const clientProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (ctx.viewer.role !== "client")
    throw new TRPCError({ code: "FORBIDDEN", message: "This is for clients." });
  const profile = ctx.viewer.clientProfile ?? (await findClientProfile(ctx.db, ctx.viewer.userId));
  if (!profile)
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "This account is not linked to a therapist.",
    });
  return next({ ctx: { client: { id: ctx.viewer.userId, name: ctx.viewer.name, ...profile } } });
});

export const clientIdInput = z.object({ clientId: z.string().min(1).max(64) });

/** The therapist's own client, or NOT_FOUND (anyone else's client is simply not found). */
export async function requireOwnClient(
  ctx: { db: Context["db"]; therapist: { id: string } },
  clientId: string,
) {
  const ownClient = await findClientOfTherapist(ctx.db, ctx.therapist.id, clientId);
  if (!ownClient)
    throw new TRPCError({ code: "NOT_FOUND", message: "We could not find that client." });
  return ownClient;
}

/**
 * A therapist acting on one of their own clients: the input carries `clientId`, and the tier
 * checks the client is theirs before the procedure runs (`ctx.ownClient`). Anyone else's
 * client is simply not found. Procedures add their own fields with another `.input(...)`.
 */
export const ownClientProcedure = therapistProcedure
  .input(clientIdInput)
  .use(async ({ ctx, input, next }) =>
    next({ ctx: { ownClient: await requireOwnClient(ctx, input.clientId) } }),
  );
