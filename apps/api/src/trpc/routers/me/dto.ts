import { z } from "zod";

export const clientSettingsDto = z.object({
  timeZone: z.string(),
  sharePracticeLog: z.boolean(),
  quietStart: z.string(),
  quietEnd: z.string(),
  remindersPausedUntil: z.date().nullable(),
  reminderEmails: z.boolean(),
  summaryEmails: z.boolean(),
  summaryDay: z.number().int(),
  summaryTime: z.string(),
  quoteWordsInSummary: z.boolean(),
});
