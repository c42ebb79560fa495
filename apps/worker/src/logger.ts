import pino from "pino";

export type Logger = pino.Logger;

/** Structured logs without personal data. */
export function createLogger(level: string): Logger {
  return pino({
    name: "worker",
    level,
    redact: { paths: ["*.email", "*.to", "*.text", "*.html"], censor: "[redacted]" },
  });
}
