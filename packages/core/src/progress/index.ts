export * from "./reframe.ts";
export * from "./series.ts";
