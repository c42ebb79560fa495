import { listClientsOfTherapist, listInvitations } from "@tend/db";
import { z } from "zod";
import { therapistProcedure } from "../../init.ts";
import { invitationDto } from "../invitations/dto.ts";

const clientDto = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  joinedAt: z.date(),
});

/** The therapist's clients and the invitations still open or recently used. */
export const listClients = therapistProcedure
  .output(z.object({ clients: z.array(clientDto), invitations: z.array(invitationDto) }))
  .query(async ({ ctx }) => {
    const [clients, invitations] = await Promise.all([
      listClientsOfTherapist(ctx.db, ctx.therapist.id),
      listInvitations(ctx.db, ctx.therapist.id),
    ]);
    return {
      clients,
      invitations: invitations.map(
        ({ id, name, email, state, expiresAt, lastSentAt, sentCount }) => ({
          id,
          name,
          email,
          state,
          expiresAt,
          lastSentAt,
          sentCount,
        }),
      ),
    };
  });
