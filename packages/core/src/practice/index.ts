export * from "./answers.ts";
export * from "./week-plan.ts";
