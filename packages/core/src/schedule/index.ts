export * from "./model.ts";
export * from "./occurrences.ts";
