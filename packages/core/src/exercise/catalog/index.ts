import type { CatalogExercise } from "../model.ts";
import { checkingInputs } from "./checking-inputs.ts";
import { kindnessTowardDifficulty } from "./kindness-toward-difficulty.ts";
import { lovedOneTest } from "./loved-one-test.ts";
import { noticingInnerVoice } from "./noticing-inner-voice.ts";
import { repairWithoutShame } from "./repair-without-shame.ts";
import { soothingTouch } from "./soothing-touch.ts";
import { speakingByName } from "./speaking-by-name.ts";
import { weeklyReflection } from "./weekly-reflection.ts";
import { whatHoldsMeBack } from "./what-holds-me-back.ts";

/** The built-in self-compassion library, in the order a therapist sees it. */
export const CATALOG: readonly CatalogExercise[] = [
  lovedOneTest,
  noticingInnerVoice,
  soothingTouch,
  kindnessTowardDifficulty,
  speakingByName,
  checkingInputs,
  whatHoldsMeBack,
  repairWithoutShame,
  weeklyReflection,
];

export function findCatalogExercise(slug: string): CatalogExercise | undefined {
  return CATALOG.find((e) => e.slug === slug);
}
