import { type Db, enqueueEmail, findUserByEmail, hitRateLimit, recordAudit } from "@tend/db";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { magicLink, twoFactor } from "better-auth/plugins";
import type { ApiEnv } from "../env.ts";
import type { Logger } from "../logger.ts";
import { acceptInvitationPlugin } from "./accept-invitation-plugin.ts";
import { CLIENT_IP_HEADER } from "./client-ip.ts";
import {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  verifyPassword,
} from "./password.ts";

export type AuthDeps = { db: Db; env: ApiEnv; log: Logger };

/** Per-account limits, shared by every API process (PostgreSQL). Per-IP limits are better-auth's own. */
const ACCOUNT_LIMITS: Record<string, { prefix: string; max: number; windowSeconds: number }> = {
  "/sign-in/email": { prefix: "signin", max: 10, windowSeconds: 15 * 60 },
  "/sign-in/magic-link": { prefix: "magic", max: 5, windowSeconds: 15 * 60 },
  "/request-password-reset": { prefix: "reset", max: 5, windowSeconds: 60 * 60 },
};

const PASSWORD_FIELDS: Record<string, string> = {
  "/sign-up/email": "password",
  "/reset-password": "newPassword",
  "/change-password": "newPassword",
};

function emailKey(body: unknown): string | null {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === "string" ? email.trim().toLowerCase().slice(0, 320) : null;
}

export function createAuth({ db, env, log }: AuthDeps) {
  const secure = env.NODE_ENV === "production" || env.PUBLIC_URL.startsWith("https://");
  const link = (url: string) => url; // better-auth builds links from baseURL (PUBLIC_URL), never from Host.

  return betterAuth({
    appName: "Tend",
    baseURL: env.PUBLIC_URL,
    basePath: "/api/auth",
    secret: env.AUTH_SECRET,
    database: { db, type: "postgres" },
    telemetry: { enabled: false },
    trustedOrigins: [
      env.PUBLIC_URL,
      ...(env.NODE_ENV === "development" ? ["http://localhost:5173"] : []),
    ],
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      password: { hash: hashPassword, verify: verifyPassword },
      resetPasswordTokenExpiresIn: 60 * 60,
      revokeSessionsOnPasswordReset: true,
      onPasswordReset: async ({ user }, request) => {
        await recordAudit(db, {
          action: "password_changed",
          actorUserId: user.id,
          subjectUserId: user.id,
          ip: request?.headers.get(CLIENT_IP_HEADER) ?? null,
          detail: { how: "reset link" },
        });
      },
      sendResetPassword: async ({ user, url, token }) => {
        await enqueueEmail(db, {
          idempotencyKey: `reset-password:${token}`,
          template: "reset-password",
          to: user.email,
          data: { url: link(url), name: user.name },
        });
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      expiresIn: 24 * 60 * 60,
      sendVerificationEmail: async ({ user, url, token }) => {
        await enqueueEmail(db, {
          idempotencyKey: `verify-email:${token.slice(-40)}`,
          template: "verify-email",
          to: user.email,
          data: { url: link(url), name: user.name },
        });
      },
    },
    user: {
      additionalFields: {
        role: { type: "string", required: true, input: false, defaultValue: "therapist" },
      },
      changeEmail: {
        enabled: true,
        sendChangeEmailConfirmation: async ({ user, newEmail, url, token }) => {
          await enqueueEmail(db, {
            idempotencyKey: `change-email:${token.slice(-40)}`,
            template: "change-email",
            to: user.email,
            data: { url: link(url), newEmail },
          });
        },
      },
    },
    session: {
      // Idle timeout: a session unused for this long expires. Each use slides it forward
      // (at most once a minute). The absolute limit is enforced in ./session.ts.
      expiresIn: env.SESSION_IDLE_MINUTES * 60,
      updateAge: 60,
    },
    rateLimit: {
      enabled: true,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 10 },
        "/sign-in/magic-link": { window: 60, max: 5 },
        "/request-password-reset": { window: 60, max: 5 },
        "/sign-up/email": { window: 60, max: 5 },
        "/two-factor/*": { window: 60, max: 10 },
        "/tend/accept-invitation": { window: 60, max: 10 },
      },
    },
    advanced: {
      // better-auth skips its origin and redirect-URL checks when NODE_ENV=test unless told
      // otherwise: keep them on everywhere, so tests exercise what production runs.
      disableOriginCheck: false,
      useSecureCookies: secure,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    plugins: [
      magicLink({
        expiresIn: 10 * 60,
        disableSignUp: true,
        storeToken: "hashed",
        sendMagicLink: async ({ email, url, token }) => {
          const user = await findUserByEmail(db, email);
          if (!user) return; // Same answer either way; nothing is sent to an unknown address.
          await enqueueEmail(db, {
            idempotencyKey: `magic-link:${token.slice(-40)}`,
            template: "magic-link",
            to: email,
            data: { url: link(url) },
          });
        },
      }),
      twoFactor({ issuer: "Tend" }),
      acceptInvitationPlugin({ db, env }),
    ],
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // The absolute lifetime, for better-auth's own endpoints too (get-session,
        // change-password, …): a session older than this is gone before any endpoint reads it.
        const sessionToken = await ctx.getSignedCookie(
          ctx.context.authCookies.sessionToken.name,
          ctx.context.secret,
        );
        if (sessionToken) {
          await db
            .deleteFrom("session")
            .where("token", "=", sessionToken)
            .where("createdAt", "<", new Date(Date.now() - env.SESSION_ABSOLUTE_HOURS * 3600_000))
            .execute();
        }
        const field = PASSWORD_FIELDS[ctx.path];
        const candidate = field
          ? (ctx.body as Record<string, unknown> | undefined)?.[field]
          : undefined;
        if (typeof candidate === "string") {
          const problem = passwordProblem(candidate);
          if (problem)
            throw new APIError("BAD_REQUEST", { message: problem, code: "WEAK_PASSWORD" });
        }
        const limit = ACCOUNT_LIMITS[ctx.path];
        const email = limit ? emailKey(ctx.body) : null;
        if (limit && email) {
          const r = await hitRateLimit(
            db,
            `${limit.prefix}:${email}`,
            limit.max,
            limit.windowSeconds,
          );
          if (!r.allowed) {
            throw new APIError(
              "TOO_MANY_REQUESTS",
              {
                message: "Too many attempts for this account. Please wait a little and try again.",
              },
              // Response headers are APIError's third argument (in the body they leak as JSON).
              { "Retry-After": String(r.retryAfterSeconds) },
            );
          }
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        const returned = ctx.context.returned;
        const failed = returned instanceof APIError || returned instanceof Error;
        if (!failed && ctx.path === "/change-password" && ctx.context.session) {
          const userId = ctx.context.session.user.id;
          await recordAudit(db, {
            action: "password_changed",
            actorUserId: userId,
            subjectUserId: userId,
            ip: ctx.request?.headers.get(CLIENT_IP_HEADER) ?? null,
            detail: { how: "signed in" },
          });
          return;
        }
        if (ctx.path !== "/sign-in/email") return;
        if (returned instanceof APIError || returned instanceof Error) {
          const email = emailKey(ctx.body);
          const user = email ? await findUserByEmail(db, email) : undefined;
          await recordAudit(db, {
            action: "sign_in_failed",
            subjectUserId: user?.id ?? null,
            ip: ctx.request?.headers.get(CLIENT_IP_HEADER) ?? null,
            detail: { method: "password" },
          });
        }
      }),
    },
    databaseHooks: {
      session: {
        create: {
          after: async (session) => {
            await recordAudit(db, {
              action: "sign_in",
              actorUserId: session.userId,
              subjectUserId: session.userId,
              ip: session.ipAddress ?? null,
            });
          },
        },
        delete: {
          after: async (session) => {
            // Sign-outs, "sign out everywhere else", and sessions ended by a password change.
            await recordAudit(db, {
              action: "sign_out",
              actorUserId: session.userId,
              subjectUserId: session.userId,
            });
          },
        },
      },
    },
    logger: {
      log: (level, message) => {
        if (level === "error") log.error({ source: "better-auth" }, message);
        else if (level === "warn") log.warn({ source: "better-auth" }, message);
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;
