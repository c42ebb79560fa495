export * from "./reframe.ts";
