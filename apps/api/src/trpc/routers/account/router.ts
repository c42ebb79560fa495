import { router } from "../../init.ts";
import { cancelDeletion } from "./cancel-deletion.ts";
import { getDeletionStatus } from "./get-deletion-status.ts";
import { requestDeletion } from "./request-deletion.ts";

export const accountRouter = router({
  requestDeletion,
  cancelDeletion,
  deletionStatus: getDeletionStatus,
});
