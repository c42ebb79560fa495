export * from "./exercise/model.ts";
export * from "./exercise/response.ts";
export * from "./exercise/catalog/index.ts";
