import { router } from "../../init.ts";
import { getReviewBundle } from "./get-review-bundle.ts";
import { setWeekNote } from "./set-week-note.ts";

export const reviewRouter = router({ bundle: getReviewBundle, setWeekNote });
