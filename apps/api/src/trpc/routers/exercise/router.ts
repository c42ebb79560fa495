import { router } from "../../init.ts";
import { archiveExercise } from "./archive-exercise.ts";
import { createExercise } from "./create-exercise.ts";
import { getExercise } from "./get-exercise.ts";
import { listLibrary } from "./list-library.ts";
import { updateExercise } from "./update-exercise.ts";

export const exerciseRouter = router({
  listLibrary,
  get: getExercise,
  create: createExercise,
  update: updateExercise,
  archive: archiveExercise,
});
