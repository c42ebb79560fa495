import { router } from "../../init.ts";
import { createCalendarFeed } from "./create-feed.ts";
import { getCalendarFeedStatus } from "./get-feed-status.ts";
import { revokeCalendarFeed } from "./revoke-feed.ts";

export const calendarRouter = router({
  createFeed: createCalendarFeed,
  revokeFeed: revokeCalendarFeed,
  feedStatus: getCalendarFeedStatus,
});
