import pino from "pino";

export type Logger = pino.Logger;

/**
 * Keys that could carry personal data or secrets, wherever a log call might put them: at the top
 * of the logged object or one level down (pino paths do not recurse). Logs carry ids instead.
 */
export const REDACT_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  "headers.cookie",
  "headers.authorization",
  "cookie",
  "authorization",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "email",
  "*.email",
  "newEmail",
  "*.newEmail",
  "to",
  "*.to",
  "token",
  "*.token",
  "url",
  "*.url",
  "answers",
  "*.answers",
  "words",
  "*.words",
  "note",
  "*.note",
  "input",
  "*.input",
  "body",
  "*.body",
  "query",
  "*.query",
  "*.name",
];

const EMAIL_ADDRESS = /[^\s<>@"'(),;:]+@[^\s<>@"'(),;:]+\.[^\s<>@"'(),;:]+/g;

/** Email addresses in free text (an error message, a stack) become "[address]". */
export function maskAddresses(text: string): string {
  return text.replace(EMAIL_ADDRESS, "[address]");
}

/**
 * Errors as pino prints them, minus what PostgreSQL and drivers attach that can quote values
 * (`detail`: "Key (email)=(…) already exists", bound `parameters`), and with addresses masked.
 */
export function serializeError(err: unknown): unknown {
  const serialized = pino.stdSerializers.err(err as Error) as unknown;
  return scrub(serialized, 0);
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === "string") return maskAddresses(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "detail" || k === "parameters" || k === "where") continue;
    out[k] = scrub(v, depth + 1);
  }
  return out;
}

/**
 * Structured logs. Never log request bodies, query strings or personal data: log ids, and
 * redact what could carry personal data. `destination` is for tests (default: stdout).
 */
export function createLogger(
  level: string,
  name = "api",
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
