import { router } from "../../init.ts";
import { createAssignment } from "./create-assignment.ts";
import { listClientAssignments } from "./list-client-assignments.ts";
import { setAssignmentStatus } from "./set-assignment-status.ts";
import { updateAssignment } from "./update-assignment.ts";

export const assignmentsRouter = router({
  create: createAssignment,
  update: updateAssignment,
  setStatus: setAssignmentStatus,
  listForClient: listClientAssignments,
});
