/**
 * Two tenants with data in every table, for tests that aim every procedure at every kind of
 * caller (the same setup as the authorization matrix, for both tenants).
 */
import {
  type Actor,
  Caller,
  createTestApi,
  inviteAndAccept,
  latestInvitationToken,
  signUpTherapist,
  type TestApi,
} from "./harness.ts";

export type ActorName = "anonymous" | "clientA" | "clientB" | "therapistA" | "therapistB";
export const ACTOR_NAMES: ActorName[] = [
  "anonymous",
  "clientA",
  "clientB",
  "therapistA",
  "therapistB",
];

/** One tenant's things: ids a fuzzer (or an attacker of the other tenant) aims at. */
export type TenantData = {
  therapist: Actor;
  client: Actor;
  ownExerciseId: string;
  assignmentId: string;
  /** A finished, shared entry. */
  entryId: string;
  /** An unfinished entry (answers can still be saved). */
  draftId: string;
  pendingInvitationId: string;
  pendingInvitationToken: string;
};

export type TwoTenants = {
  api: TestApi;
  anonymous: Caller;
  builtInId: string;
  a: TenantData;
  b: TenantData;
  callers: Record<ActorName, Caller>;
};

export const LOVED_ONE_ANSWERS = (harsh: string, kinder: string) => {
  const r = (n: number) => ({
    "stuck-motivated": n,
    "powerless-empowered": n,
    "dismissed-validated": n,
  });
  return { reframe: { harsh, kinder, harshRatings: r(2), kinderRatings: r(7) } };
};

export const OWN_DEFINITION = {
  title: "Tea and breath",
  purpose: "A short pause.",
  minutes: 3,
  steps: [{ kind: "text", id: "noticed", label: "What did you notice?", size: "short" }],
};

async function tenant(
  api: TestApi,
  tag: string,
  therapistName: string,
  clientName: string,
  builtInId: string,
): Promise<TenantData> {
  const therapist = await signUpTherapist(api, therapistName, `therapist-${tag}@example.com`);
  const client = await inviteAndAccept(api, therapist, clientName, `client-${tag}@example.com`);
  await therapist.caller.query("clients.get", { clientId: client.id });
  const own = await therapist.caller.mutate("exercise.create", { definition: OWN_DEFINITION });
  const assignment = await therapist.caller.mutate("assignments.create", {
    clientId: client.id,
    exerciseId: builtInId,
    schedule: { kind: "days", days: [1, 3, 5], times: ["08:00"] },
    startDate: "2026-01-05",
    note: `A note for ${clientName}`,
  });
  const entry = await client.caller.mutate("practice.start", { assignmentId: assignment.id });
  await client.caller.mutate("practice.complete", {
    entryId: entry.id,
    answers: LOVED_ONE_ANSWERS(`${tag}-harsh-words`, `${tag}-kinder-words`),
  });
  await client.caller.mutate("entries.setSharing", { id: entry.id, shared: true });
  const draft = await client.caller.mutate("practice.start", { exerciseId: builtInId });
  await therapist.caller.mutate("sessionNotes.save", {
    clientId: client.id,
    sessionDate: "2026-01-01",
    note: `Session note of tenant ${tag}`,
  });
  await therapist.caller.mutate("review.setWeekNote", {
    clientId: client.id,
    note: `Week note of tenant ${tag}`,
  });
  const pendingEmail = `pending-${tag}@example.com`;
  const pending = await therapist.caller.mutate("invitations.send", {
    name: `Pending ${tag}`,
    email: pendingEmail,
  });
  return {
    therapist,
    client,
    ownExerciseId: own.id,
    assignmentId: assignment.id,
    entryId: entry.id,
    draftId: draft.id,
    pendingInvitationId: pending.id,
    pendingInvitationToken: await latestInvitationToken(api, pendingEmail),
  };
}

/** A fresh database with therapist A + client A and therapist B + client B, each with data. */
export async function createTwoTenants(
  overrides: Record<string, string> = {},
  api?: TestApi,
): Promise<TwoTenants> {
  api ??= await createTestApi({ TRUST_PROXY: "true", ...overrides });
  const builtIn = await api.db
    .selectFrom("exercise")
    .select("id")
    .where("slug", "=", "loved-one-test")
    .executeTakeFirstOrThrow();
  const a = await tenant(api, "a", "Avery Alder", "Ada Client", builtIn.id);
  const b = await tenant(api, "b", "Blake Birch", "Bo Client", builtIn.id);
  const anonymous = new Caller(api, "192.0.2.1");
  return {
    api,
    anonymous,
    builtInId: builtIn.id,
    a,
    b,
    callers: {
      anonymous,
      clientA: a.client.caller,
      clientB: b.client.caller,
      therapistA: a.therapist.caller,
      therapistB: b.therapist.caller,
    },
  };
}

/** Resending an invitation renews its token: read the current ones back from the outbox. */
export async function refreshInvitationTokens(w: TwoTenants): Promise<void> {
  w.a.pendingInvitationToken = await latestInvitationToken(w.api, "pending-a@example.com");
  w.b.pendingInvitationToken = await latestInvitationToken(w.api, "pending-b@example.com");
}
