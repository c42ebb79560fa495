import { router } from "../../init.ts";
import { completePractice } from "./complete-practice.ts";
import { getToday } from "./get-today.ts";
import { notToday } from "./not-today.ts";
import { saveDraft } from "./save-draft.ts";
import { startPractice } from "./start-practice.ts";

export const practiceRouter = router({
  today: getToday,
  start: startPractice,
  saveDraft,
  complete: completePractice,
  notToday,
});
