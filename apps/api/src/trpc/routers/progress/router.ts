import { router } from "../../init.ts";
import { getMyProgress } from "./get-my-progress.ts";

export const progressRouter = router({ mine: getMyProgress });
