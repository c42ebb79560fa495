import { router } from "./init.ts";
import { accountRouter } from "./routers/account/router.ts";
import { assignmentsRouter } from "./routers/assignments/router.ts";
import { calendarRouter } from "./routers/calendar/router.ts";
import { clientsRouter } from "./routers/clients/router.ts";
import { entriesRouter } from "./routers/entries/router.ts";
import { exerciseRouter } from "./routers/exercise/router.ts";
import { invitationsRouter } from "./routers/invitations/router.ts";
import { meRouter } from "./routers/me/router.ts";
import { metaRouter } from "./routers/meta/router.ts";
import { practiceRouter } from "./routers/practice/router.ts";
import { progressRouter } from "./routers/progress/router.ts";
import { reviewRouter } from "./routers/review/router.ts";
import { sessionNotesRouter } from "./routers/session-notes/router.ts";

export const appRouter = router({
  me: meRouter,
  exercise: exerciseRouter,
  clients: clientsRouter,
  invitations: invitationsRouter,
  assignments: assignmentsRouter,
  practice: practiceRouter,
  entries: entriesRouter,
  progress: progressRouter,
  review: reviewRouter,
  sessionNotes: sessionNotesRouter,
  calendar: calendarRouter,
  account: accountRouter,
  meta: metaRouter,
});

export type AppRouter = typeof appRouter;
