import { router } from "./init.ts";
import { clientsRouter } from "./routers/clients/router.ts";
import { exerciseRouter } from "./routers/exercise/router.ts";
import { invitationsRouter } from "./routers/invitations/router.ts";
import { meRouter } from "./routers/me/router.ts";

export const appRouter = router({
  me: meRouter,
  exercise: exerciseRouter,
  clients: clientsRouter,
  invitations: invitationsRouter,
});

export type AppRouter = typeof appRouter;
