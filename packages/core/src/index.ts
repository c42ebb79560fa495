export * from "./errors.ts";
export * from "./exercise/catalog/index.ts";
export * from "./exercise/model.ts";
export * from "./exercise/response.ts";
export * from "./time-zone.ts";
