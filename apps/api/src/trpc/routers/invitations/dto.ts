import { z } from "zod";

export const invitationDto = z.object({
  id: z.string().uuid(),
  name: z.string(),
  email: z.string(),
  state: z.enum(["pending", "expired", "accepted", "revoked"]),
  expiresAt: z.date(),
  lastSentAt: z.date(),
  sentCount: z.number().int(),
});

export const invitationIdInput = z
  .object({ id: z.string().uuid("That is not an invitation id.") })
  .strict();
