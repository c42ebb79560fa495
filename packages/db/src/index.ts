export * from "./create-db.ts";
export * from "./database.ts";
export { type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres.ts";
export * from "./exercise.repository.ts";
export * from "./migrate.ts";
