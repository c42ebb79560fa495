import { router } from "./init.ts";
import { exerciseRouter } from "./routers/exercise/router.ts";

export const appRouter = router({
  exercise: exerciseRouter,
});

export type AppRouter = typeof appRouter;
