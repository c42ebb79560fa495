import { listAssignmentsOfClient } from "@tend/db";
import { z } from "zod";
import { readAssignment } from "../../../practice/assignments.ts";
import { ownClientProcedure } from "../../init.ts";
import { assignmentDto } from "./dto.ts";

/** Every assignment the therapist gave this client (active, paused and ended). */
export const listClientAssignments = ownClientProcedure
  .output(z.array(assignmentDto))
  .query(async ({ ctx }) => {
    const rows = await listAssignmentsOfClient(ctx.db, ctx.ownClient.id, {
      therapistId: ctx.therapist.id,
    });
    return rows.map((a) => readAssignment(ctx.cipher, a));
  });
