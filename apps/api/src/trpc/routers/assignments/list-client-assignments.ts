import { AppError } from "@tend/core";
import { findClientOfTherapist, listAssignmentsOfClient } from "@tend/db";
import { z } from "zod";
import { readAssignment } from "../../../practice/assignments.ts";
import { therapistProcedure } from "../../init.ts";
import { assignmentDto } from "./dto.ts";

/** Every assignment the therapist gave this client (active, paused and ended). */
export const listClientAssignments = therapistProcedure
  .input(z.object({ clientId: z.string().min(1).max(64) }).strict())
  .output(z.array(assignmentDto))
  .query(async ({ ctx, input }) => {
    if (!(await findClientOfTherapist(ctx.db, ctx.therapist.id, input.clientId))) {
      throw new AppError("NOT_FOUND", "We could not find that client.");
    }
    const rows = await listAssignmentsOfClient(ctx.db, input.clientId, {
      therapistId: ctx.therapist.id,
    });
    return rows.map((a) => readAssignment(ctx.cipher, a));
  });
