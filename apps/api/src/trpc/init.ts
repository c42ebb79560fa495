import { AppError, type AppErrorCode } from "@tend/core";
import { findClientOfTherapist, findClientProfile, isDatabaseUnavailable } from "@tend/db";
import { initTRPC, TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/unstable-core-do-not-import";
import { z } from "zod";
import type { SessionInfo } from "../auth/session.ts";
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

/**
 * Text PostgreSQL cannot store (NUL, lone surrogates) is refused before any procedure runs:
 * otherwise it fails deep in a query with a 500, possibly after an earlier write.
 */
async function refuseUnsafeText(getRawInput: () => Promise<unknown>): Promise<void> {
  let raw: unknown;
  try {
    raw = await getRawInput();
  } catch {
    return; // unreadable input: the procedure's own input parser answers (or ignores it)
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
}

/**
 * Around every procedure: unsafe text refused first, and domain errors mapped on the way out.
 * One middleware rather than one per concern: tRPC copies a call's options and context at every
 * middleware, a measurable share of a cached screen's cost (BENCHMARKS.md).
 */
const guard = t.middleware(async ({ getRawInput, next }) => {
  await refuseUnsafeText(getRawInput);
  const result = await next();
  if (!result.ok)
    throw toTRPCError(result.error.cause instanceof AppError ? result.error.cause : result.error);
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(guard);

type Viewer = SessionInfo;

/** The caller, or UNAUTHORIZED. */
async function requireViewer(ctx: Context): Promise<Viewer> {
  const viewer = await ctx.getSession();
  if (!viewer) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return viewer;
}

/**
 * Run the rest of the call for `viewer`. A write may move the caller's data version: after a
 * mutation, their next request here reads their session afresh (other processes hear of it
 * from PostgreSQL).
 */
async function asViewer<T>(
  ctx: Context,
  type: string,
  viewer: Viewer,
  rest: () => Promise<T>,
): Promise<T> {
  try {
    return await rest();
  } finally {
    if (type === "mutation") ctx.sessions?.forgetUser(viewer.userId);
  }
}

/** Any signed-in person. `ctx.viewer` is who they are. */
export const authedProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const viewer = await requireViewer(ctx);
  return asViewer(ctx, type, viewer, () => next({ ctx: { viewer } }));
});

// The two role tiers check the session themselves rather than build on authedProcedure: one
// middleware fewer on every call (see `guard`).

/** A therapist. Every query a procedure makes is scoped by `ctx.therapist.id`. */
export const therapistProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const viewer = await requireViewer(ctx);
  if (viewer.role !== "therapist")
    throw new TRPCError({ code: "FORBIDDEN", message: "This is for therapists." });
  return asViewer(ctx, type, viewer, () =>
    next({ ctx: { viewer, therapist: { id: viewer.userId, name: viewer.name } } }),
  );
});

/** A client. `ctx.client` carries their therapist and time zone. */
export const clientProcedure = publicProcedure.use(async ({ ctx, type, next }) => {
  const viewer = await requireViewer(ctx);
  if (viewer.role !== "client")
    throw new TRPCError({ code: "FORBIDDEN", message: "This is for clients." });
  const profile = viewer.clientProfile ?? (await findClientProfile(ctx.db, viewer.userId));
  if (!profile)
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "This account is not linked to a therapist.",
    });
  return asViewer(ctx, type, viewer, () =>
    next({ ctx: { viewer, client: { id: viewer.userId, name: viewer.name, ...profile } } }),
  );
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
