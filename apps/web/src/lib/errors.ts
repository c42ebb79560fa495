import { TRPCClientError } from "@trpc/client";

/** What went wrong, in words for the person, with the fields that need another look. */
export type Problem = { message: string; fields: Record<string, string>; status?: number };

export const OFFLINE =
  "We could not reach Tend just now. Please check your connection and try again.";
export const OUR_SIDE = "Something went wrong on our side. Please try again in a moment.";
const TOO_MANY = "That was a lot of tries in a short time. Please wait a minute, then try again.";

/** An error whose message is already fit to show (from the API, or written here). */
export class FriendlyError extends Error {
  constructor(
    message: string,
    readonly fields: Record<string, string> = {},
    readonly status?: number,
  ) {
    super(message);
    this.name = "FriendlyError";
  }
}

/** Kinder words for better-auth's terse error codes. */
const AUTH_MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD:
    "That email and password don't match an account we know. Please check them and try again.",
  INVALID_PASSWORD: "That isn't the current password for this account. Please try again.",
  INVALID_EMAIL: "Please check the email address.",
  USER_ALREADY_EXISTS:
    "There is already an account with this email address. You can sign in instead.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL:
    "There is already an account with this email address. You can sign in instead.",
  INVALID_CODE:
    "That code didn't work. The code changes every 30 seconds, so please try the newest one.",
  INVALID_BACKUP_CODE:
    "That backup code didn't work. Each one works only once; please try another.",
  INVALID_TOKEN: "This link has expired or has already been used. Please ask for a new one.",
  TOKEN_EXPIRED: "This link has expired or has already been used. Please ask for a new one.",
  INVALID_TWO_FACTOR_COOKIE:
    "That took a little while, so we stopped the sign-in to keep it safe. Please start again with your email and password.",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE:
    "There were several tries in a row, so we paused this for a little while to keep the account safe. Please try again later.",
  ACCOUNT_TEMPORARILY_LOCKED:
    "There were several tries in a row, so we paused this for a little while to keep the account safe. Please try again later.",
  SESSION_EXPIRED: "For your safety, please sign out and sign in again before changing this.",
  SESSION_NOT_FRESH: "For your safety, please sign out and sign in again before changing this.",
  CREDENTIAL_ACCOUNT_NOT_FOUND:
    "This account signs in with email links, so it has no password yet. You can set one with “Forgot your password?”.",
  TOTP_ALREADY_ENABLED: "Two-step sign-in is already on for this account.",
  PASSWORD_TOO_SHORT: "Please use at least 8 characters.",
  PASSWORD_TOO_LONG: "Please use at most 128 characters.",
};

const AUTH_MESSAGES_BY_TEXT: Record<string, string> = {
  "Email is the same": "That is already your email address.",
};

export type AuthErrorLike = {
  message?: string | undefined;
  code?: string | undefined;
  status: number;
  statusText?: string | undefined;
};

/** Words for an error from better-auth's client. */
export function authErrorMessage(error: AuthErrorLike): string {
  if (error.code && AUTH_MESSAGES[error.code]) return AUTH_MESSAGES[error.code]!;
  if (error.message && AUTH_MESSAGES_BY_TEXT[error.message])
    return AUTH_MESSAGES_BY_TEXT[error.message]!;
  // Our own API writes sentences for people (weak password, used invitation, per-account limits).
  if (error.code === "WEAK_PASSWORD" && error.message) return error.message;
  if (error.status === 429)
    return error.message?.startsWith("Too many attempts for this account")
      ? error.message
      : TOO_MANY;
  if (error.status === 0) return OFFLINE;
  if (error.status >= 500) return OUR_SIDE;
  // A full sentence (ours end with a full stop; better-auth's terse ones do not).
  return error.message && /\s.*[.!?]$/.test(error.message) ? error.message : OUR_SIDE;
}

type AuthResult<T> =
  | { data: T; error: null }
  | { data: null; error: AuthErrorLike & Record<string, unknown> };

/** Await a better-auth client call; its error becomes a FriendlyError (so mutations can throw). */
export async function authCall<T>(call: Promise<AuthResult<T>>): Promise<T> {
  let result: AuthResult<T>;
  try {
    result = await call;
  } catch {
    throw new FriendlyError(OFFLINE);
  }
  if (result.error)
    throw new FriendlyError(authErrorMessage(result.error), {}, result.error.status);
  return result.data;
}

type TrpcErrorData = { httpStatus?: number; issues?: Array<{ path: string; message: string }> };

/** Any error, as something to show: the API's sentence and per-field messages when it gave them. */
export function toProblem(error: unknown): Problem {
  if (error instanceof FriendlyError)
    return {
      message: error.message,
      fields: error.fields,
      ...(error.status ? { status: error.status } : {}),
    };
  if (error instanceof TRPCClientError) {
    const data = error.data as TrpcErrorData | undefined;
    if (!data) return { message: OFFLINE, fields: {} };
    const fields: Record<string, string> = {};
    for (const issue of data.issues ?? []) fields[issue.path] ??= issue.message;
    if (data.httpStatus === 429) return { message: error.message || TOO_MANY, fields, status: 429 };
    return { message: error.message || OUR_SIDE, fields, ...statusOf(data) };
  }
  return { message: OUR_SIDE, fields: {} };
}

function statusOf(data: TrpcErrorData) {
  return data.httpStatus ? { status: data.httpStatus } : {};
}

/** The HTTP status behind a tRPC error (401 when signed out, 403 when not theirs…). */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof TRPCClientError)
    return (error.data as TrpcErrorData | undefined)?.httpStatus;
  if (error instanceof FriendlyError) return error.status;
  return undefined;
}
