export * from "./errors.ts";
export * from "./exercise/catalog/index.ts";
export * from "./exercise/model.ts";
export * from "./exercise/response.ts";
export * from "./practice/index.ts";
export * from "./progress/index.ts";
export * from "./schedule/index.ts";
export * from "./time-zone.ts";
