export * from "./model.ts";
export * from "./occurrences.ts";
export * from "./quiet-hours.ts";
export * from "./reminders.ts";
