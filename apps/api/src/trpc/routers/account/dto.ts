import { deletionDueAt } from "@tend/db";
import { z } from "zod";

export const deletionStatusDto = z.object({
  requested: z.boolean(),
  requestedAt: z.date().nullable(),
  /** When everything is deleted, unless the client cancels before then. */
  deletesAt: z.date().nullable(),
});

export function deletionStatus(
  requestedAt: Date | null | undefined,
): z.infer<typeof deletionStatusDto> {
  return requestedAt
    ? { requested: true, requestedAt, deletesAt: deletionDueAt(requestedAt) }
    : { requested: false, requestedAt: null, deletesAt: null };
}
