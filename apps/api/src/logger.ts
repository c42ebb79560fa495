import pino from "pino";

export type Logger = pino.Logger;

/** Structured logs. Never log request bodies or personal data: redact what could carry it. */
export function createLogger(level: string, name = "api"): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: [
        "req.headers.cookie",
        "req.headers.authorization",
        "*.password",
        "*.token",
        "*.email",
        "*.answers",
      ],
      censor: "[redacted]",
    },
  });
}
