import pino from "pino";

export type Logger = pino.Logger;

/**
 * Keys that could carry personal data, wherever a log call might put them (top level or one
 * level down: pino paths do not recurse). Job logs carry ids (outbox row, job, queue) instead.
 */
export const REDACT_PATHS = [
  "email",
  "*.email",
  "to",
  "*.to",
  "*.to_address",
  "*.name",
  "text",
  "*.text",
  "html",
  "*.html",
  "subject",
  "*.subject",
  "data",
  "*.data",
  "quotes",
  "*.quotes",
  "words",
  "*.words",
  "url",
  "*.url",
  "*.password",
  "*.token",
];

const EMAIL_ADDRESS = /[^\s<>@"'(),;:]+@[^\s<>@"'(),;:]+\.[^\s<>@"'(),;:]+/g;

/** Email addresses in free text (an SMTP reply, an error message) become "[address]". */
export function maskAddresses(text: string): string {
  return text.replace(EMAIL_ADDRESS, "[address]");
}

/** Errors without what drivers attach that can quote values, and with addresses masked. */
export function serializeError(err: unknown): unknown {
  return scrub(pino.stdSerializers.err(err as Error) as unknown, 0);
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === "string") return maskAddresses(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    // pg's "Key (email)=(…)", bound parameters, nodemailer's envelope and SMTP reply.
    if (["detail", "parameters", "where", "envelope", "rejected", "accepted"].includes(k)) continue;
    out[k] = scrub(v, depth + 1);
  }
  return out;
}

/** Structured logs without personal data. `destination` is for tests (default: stdout). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name: "worker",
    level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError },
  };
  return destination ? pino(options, destination) : pino(options);
}
