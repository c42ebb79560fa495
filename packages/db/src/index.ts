export * from "./create-db.ts";
export * from "./database.ts";
export * from "./migrate.ts";
export * from "./exercise.repository.ts";
export { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres.ts";
