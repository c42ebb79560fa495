import { listClientsOfTherapist, listInvitations } from "@tend/db";
import { z } from "zod";
import { toWire, type Wire } from "../../../cache/wire.ts";
import { therapistProcedure } from "../../init.ts";
import { invitationDto } from "../invitations/dto.ts";

const clientDto = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  joinedAt: z.date(),
});

// Validated where it is built (a cache miss), not on every call: a kept screen is the parsed,
// stripped output itself, and parsing a large one again on every hit cost more than the rest of
// the request (BENCHMARKS.md).
const clientsScreen = z.object({
  clients: z.array(clientDto),
  invitations: z.array(invitationDto),
});

/** The therapist's clients and the invitations still open or recently used. */
export const listClients = therapistProcedure.query(async ({ ctx }): Promise<ClientsScreen> => {
  // The list changes with the therapist's data version (clients, their names, invitations) and
  // when an open invitation expires (its state is worked out from the time).
  const key =
    ctx.viewer.dataVersion !== undefined && `clients:${ctx.therapist.id}:${ctx.viewer.dataVersion}`;
  const cached = key ? ctx.screens.get<ClientsScreen>(key) : undefined;
  if (cached) return cached;
  const [clients, invitations] = await Promise.all([
    listClientsOfTherapist(ctx.db, ctx.therapist.id),
    listInvitations(ctx.db, ctx.therapist.id),
  ]);
  const screen = toWire(
    clientsScreen.parse({
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
    }),
  );
  if (key) {
    const now = Date.now();
    const nextExpiry = Math.min(
      ...invitations.map((i) => i.expiresAt.getTime()).filter((t) => t > now),
    );
    ctx.screens.set(key, screen, Number.isFinite(nextExpiry) ? nextExpiry - now : undefined);
  }
  return screen;
});

type ClientsScreen = Wire<z.infer<typeof clientsScreen>>;
