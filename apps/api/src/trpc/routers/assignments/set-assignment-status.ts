import { z } from "zod";
import { editAssignment } from "../../../practice/assignments.ts";
import { therapistProcedure } from "../../init.ts";
import { assignmentDto } from "./dto.ts";

const statusFor = { pause: "paused", resume: "active", end: "ended" } as const;

/** Pause, resume or end an assignment. */
export const setAssignmentStatus = therapistProcedure
  .input(z.object({ id: z.string().uuid(), action: z.enum(["pause", "resume", "end"]) }).strict())
  .output(assignmentDto)
  .mutation(({ ctx, input }) =>
    editAssignment(ctx, ctx.therapist.id, input.id, { status: statusFor[input.action] }),
  );
