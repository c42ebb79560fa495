import { nextReminder, localDateOf, moveOutOfQuietHours, isInQuietHours, localToInstant } from "@tend/core";
const w = { schedule: { kind: "days" as const, days: [1,2,3,4,5,6,7], times: ["09:00"] }, startDate: "2026-01-01", endDate: null, timeZone: "UTC" };
const after = new Date("2026-06-01T09:00:00Z");
for (const [name, f] of [
  ["nextReminder", () => nextReminder(w, after, { quietHours: { start: "00:00", end: "00:00" }, pausedUntil: null })],
  ["localDateOf", () => localDateOf(after, "Europe/London")],
  ["moveOutOfQuiet", () => moveOutOfQuietHours(after, "Europe/London", { start: "21:00", end: "08:00" })],
  ["localToInstant", () => localToInstant("2026-06-01", "09:00", "Europe/London")],
] as const) {
  for (let k = 0; k < 2; k++) { const t0 = performance.now(); for (let i = 0; i < 200; i++) f(); console.log(name, ((performance.now() - t0) / 200).toFixed(3), "ms"); }
}
