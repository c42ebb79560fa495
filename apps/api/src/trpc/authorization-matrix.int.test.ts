/**
 * The authorization matrix: every tRPC procedure × every kind of caller.
 * - A procedure without a row here fails the test (add the row when you add the procedure).
 * - "allow" must answer 200; "deny" must answer 401, 403 or 404.
 * - An allowed answer must not contain anything of the other tenant (names, emails, ids).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Actor,
  Caller,
  createTestApi,
  inviteAndAccept,
  latestInvitationToken,
  signUpTherapist,
  type TestApi,
} from "../testing/harness.ts";
import { appRouter } from "./router.ts";

type ActorName = "anonymous" | "clientA" | "clientB" | "therapistA" | "therapistB";
const ACTORS: ActorName[] = ["anonymous", "clientA", "clientB", "therapistA", "therapistB"];
type Verdict = "allow" | "deny";

type Fixtures = {
  api: TestApi;
  actors: Record<Exclude<ActorName, "anonymous">, Actor>;
  anonymous: Caller;
  /** Tenant A's things that B's callers aim at. */
  a: {
    builtInId: string;
    ownExerciseId: string;
    assignmentId: string;
    entryId: string;
    words: string[];
  };
};
type Row = {
  type: "query" | "mutation";
  /** Input for this caller. Most rows aim at tenant A's data: B's callers must be refused. */
  input?: (f: Fixtures, actor: ActorName) => unknown | Promise<unknown>;
  expect: Record<ActorName, Verdict>;
  /** What this procedure shows by design to anyone allowed (kept out of the leak check). */
  reveals?: (f: Fixtures) => string[];
};

const everyone: Record<ActorName, Verdict> = {
  anonymous: "allow",
  clientA: "allow",
  clientB: "allow",
  therapistA: "allow",
  therapistB: "allow",
};
const signedIn: Record<ActorName, Verdict> = { ...everyone, anonymous: "deny" };
const therapists: Record<ActorName, Verdict> = {
  anonymous: "deny",
  clientA: "deny",
  clientB: "deny",
  therapistA: "allow",
  therapistB: "allow",
};
const clients: Record<ActorName, Verdict> = {
  anonymous: "deny",
  clientA: "allow",
  clientB: "allow",
  therapistA: "deny",
  therapistB: "deny",
};
const onlyTherapistA: Record<ActorName, Verdict> = { ...therapists, therapistB: "deny" };
const onlyClientA: Record<ActorName, Verdict> = { ...clients, clientB: "deny" };

const LOVED_ONE_ANSWERS = (harsh: string, kinder: string) => {
  const r = (n: number) => ({
    "stuck-motivated": n,
    "powerless-empowered": n,
    "dismissed-validated": n,
  });
  return { reframe: { harsh, kinder, harshRatings: r(2), kinderRatings: r(7) } };
};

/** A fresh draft of client A (for rows that use one up). */
async function draftOfA(f: Fixtures) {
  const e = await f.actors.clientA.caller.mutate("practice.start", { exerciseId: f.a.builtInId });
  return e.id as string;
}
async function finishedEntryOfA(f: Fixtures) {
  const id = await draftOfA(f);
  await f.actors.clientA.caller.mutate("practice.complete", {
    entryId: id,
    answers: LOVED_ONE_ANSWERS("x", "y"),
  });
  return id;
}
const ownDefinition = {
  title: "Tea and breath",
  purpose: "A short pause.",
  minutes: 3,
  steps: [{ kind: "text", id: "noticed", label: "What did you notice?", size: "short" }],
};

let inviteCounter = 0;
/** A fresh pending invitation of therapist A (for rows that use one up). */
async function pendingInvitationOfA(f: Fixtures) {
  const n = ++inviteCounter;
  const inv = await f.actors.therapistA.caller.mutate("invitations.send", {
    name: `Pending ${n}`,
    email: `pending-${n}@example.com`,
  });
  return {
    id: inv.id as string,
    token: await latestInvitationToken(f.api, `pending-${n}@example.com`),
  };
}

export const MATRIX: Record<string, Row> = {
  // A constant for the benchmark (no session, no data): harmless to anyone.
  "meta.ping": { type: "query", expect: everyone },
  "me.sessionState": { type: "query", expect: everyone },
  "me.get": { type: "query", expect: signedIn },
  "me.accessLog": { type: "query", expect: clients },
  "me.updateClientSettings": {
    type: "mutation",
    input: () => ({ timeZone: "Europe/Paris" }),
    expect: clients,
  },
  "exercise.listLibrary": { type: "query", expect: signedIn },
  "clients.list": { type: "query", expect: therapists },
  "clients.get": {
    type: "query",
    input: (f) => ({ clientId: f.actors.clientA.id }),
    expect: onlyTherapistA,
  },
  "invitations.send": {
    type: "mutation",
    input: (_f, a) => ({ name: "New Person", email: `new-${a}-${++inviteCounter}@example.com` }),
    expect: therapists,
  },
  "invitations.resend": {
    type: "mutation",
    input: async (f) => ({ id: (await pendingInvitationOfA(f)).id }),
    expect: onlyTherapistA,
  },
  "invitations.revoke": {
    type: "mutation",
    input: async (f) => ({ id: (await pendingInvitationOfA(f)).id }),
    expect: onlyTherapistA,
  },
  // Holding the token is the permission (it arrives by email); anyone with it may look.
  "exercise.get": {
    type: "query",
    input: (f) => ({ id: f.a.ownExerciseId }),
    expect: onlyTherapistA,
  },
  "exercise.create": {
    type: "mutation",
    input: () => ({ definition: ownDefinition }),
    expect: therapists,
  },
  "exercise.update": {
    type: "mutation",
    input: (f) => ({
      id: f.a.ownExerciseId,
      definition: { ...ownDefinition, title: "Tea, breath, again" },
    }),
    expect: onlyTherapistA,
  },
  "exercise.archive": {
    type: "mutation",
    input: async (f) => ({
      id: (
        await f.actors.therapistA.caller.mutate("exercise.create", { definition: ownDefinition })
      ).id,
    }),
    expect: onlyTherapistA,
  },
  "assignments.create": {
    type: "mutation",
    input: (f) => ({
      clientId: f.actors.clientA.id,
      exerciseId: f.a.builtInId,
      schedule: { kind: "flexible", timesPerWeek: 2 },
      startDate: "2026-01-05",
    }),
    expect: onlyTherapistA,
  },
  "assignments.update": {
    type: "mutation",
    input: (f) => ({ id: f.a.assignmentId, note: "Gently, when you can." }),
    expect: onlyTherapistA,
  },
  "assignments.setStatus": {
    type: "mutation",
    input: (f) => ({ id: f.a.assignmentId, action: "resume" }),
    expect: onlyTherapistA,
  },
  "assignments.listForClient": {
    type: "query",
    input: (f) => ({ clientId: f.actors.clientA.id }),
    expect: onlyTherapistA,
  },
  "practice.today": { type: "query", expect: clients },
  "practice.notToday": {
    type: "mutation",
    input: (f) => ({ assignmentId: f.a.assignmentId, occurrenceAt: "2026-01-05T08:00:00.000Z" }),
    expect: onlyClientA,
  },
  "me.clientSettings": { type: "query", expect: clients },
  "me.digestSettings": { type: "query", expect: therapists },
  "me.updateDigestSettings": {
    type: "mutation",
    input: () => ({ digestDay: 2, digestTime: "07:30" }),
    expect: therapists,
  },
  "progress.mine": { type: "query", expect: clients },
  "review.bundle": {
    type: "query",
    input: (f) => ({ clientId: f.actors.clientA.id }),
    expect: onlyTherapistA,
  },
  "review.setWeekNote": {
    type: "mutation",
    input: (f) => ({ clientId: f.actors.clientA.id, note: "Be gentle with mornings." }),
    expect: onlyTherapistA,
  },
  "sessionNotes.list": {
    type: "query",
    input: (f) => ({ clientId: f.actors.clientA.id }),
    expect: onlyTherapistA,
  },
  "sessionNotes.save": {
    type: "mutation",
    input: (f) => ({
      clientId: f.actors.clientA.id,
      sessionDate: "2026-01-02",
      note: "Another session note.",
    }),
    expect: onlyTherapistA,
  },
  "practice.start": {
    type: "mutation",
    input: (f) => ({ assignmentId: f.a.assignmentId }),
    expect: onlyClientA,
  },
  "practice.saveDraft": {
    type: "mutation",
    input: async (f) => ({ entryId: await draftOfA(f), answers: {} }),
    expect: onlyClientA,
  },
  "practice.complete": {
    type: "mutation",
    input: async (f) => ({ entryId: await draftOfA(f), answers: LOVED_ONE_ANSWERS("a", "b") }),
    expect: onlyClientA,
  },
  "entries.mine": { type: "query", expect: clients },
  "entries.get": { type: "query", input: (f) => ({ id: f.a.entryId }), expect: onlyClientA },
  "entries.setSharing": {
    type: "mutation",
    input: (f) => ({ id: f.a.entryId, shared: true }),
    expect: onlyClientA,
  },
  "entries.setFlag": {
    type: "mutation",
    input: (f) => ({ id: f.a.entryId, flagged: true }),
    expect: onlyClientA,
  },
  "entries.delete": {
    type: "mutation",
    input: async (f) => ({ id: await finishedEntryOfA(f) }),
    expect: onlyClientA,
  },
  "entries.forClient": {
    type: "query",
    input: (f) => ({ clientId: f.actors.clientA.id }),
    expect: onlyTherapistA,
  },
  "calendar.createFeed": { type: "mutation", expect: clients },
  "calendar.revokeFeed": { type: "mutation", expect: clients },
  "calendar.feedStatus": { type: "query", expect: clients },
  // Only ever about the caller's own account; the other session of the same person is signed out.
  "account.requestDeletion": { type: "mutation", expect: clients },
  "account.cancelDeletion": { type: "mutation", expect: clients },
  "account.deletionStatus": { type: "query", expect: clients },
  "invitations.preview": {
    type: "query",
    input: async (f) => ({ token: (await pendingInvitationOfA(f)).token }),
    expect: everyone,
    reveals: (f) => [f.actors.therapistA.name],
  },
};

/** The therapist's private session note: only therapist A may ever receive it. */
const SESSION_NOTE_CANARY = "therapist-only-note-5d2e";

/** Everything that identifies a tenant. */
function markersOf(...actors: Actor[]): string[] {
  return actors.flatMap((a) => [a.id, a.email, a.name]);
}

let f: Fixtures;
beforeAll(async () => {
  const api = await createTestApi({ TRUST_PROXY: "true" });
  const therapistA = await signUpTherapist(api, "Avery Alder", "avery@example.com");
  const therapistB = await signUpTherapist(api, "Blake Birch", "blake@example.com");
  const clientA = await inviteAndAccept(api, therapistA, "Ada Client", "ada@example.com");
  const clientB = await inviteAndAccept(api, therapistB, "Bo Client", "bo@example.com");
  // Give each tenant some data to leak: therapists open their client's page (audit rows).
  await therapistA.caller.query("clients.get", { clientId: clientA.id });
  await therapistB.caller.query("clients.get", { clientId: clientB.id });
  // Tenant A's practice: an own exercise, an assignment, a shared entry with words in it.
  const library = await therapistA.caller.query("exercise.listLibrary");
  const builtInId = library.find((e: { slug: string }) => e.slug === "loved-one-test").id;
  const own = await therapistA.caller.mutate("exercise.create", { definition: ownDefinition });
  const assignment = await therapistA.caller.mutate("assignments.create", {
    clientId: clientA.id,
    exerciseId: builtInId,
    schedule: { kind: "days", days: [1, 3, 5], times: ["08:00"] },
    startDate: "2026-01-05",
  });
  const words = ["Ada-harsh-words-7f3a", "Ada-kinder-words-91bc"];
  const draft = await clientA.caller.mutate("practice.start", { assignmentId: assignment.id });
  await clientA.caller.mutate("practice.complete", {
    entryId: draft.id,
    answers: LOVED_ONE_ANSWERS(words[0]!, words[1]!),
  });
  await clientA.caller.mutate("entries.setSharing", { id: draft.id, shared: true });
  await therapistA.caller.mutate("sessionNotes.save", {
    clientId: clientA.id,
    sessionDate: "2026-01-01",
    note: SESSION_NOTE_CANARY,
  });
  f = {
    api,
    actors: { therapistA, therapistB, clientA, clientB },
    anonymous: new Caller(api, "192.0.2.1"),
    a: { builtInId, ownExerciseId: own.id, assignmentId: assignment.id, entryId: draft.id, words },
  };
}, 60_000);
afterAll(async () => f?.api.drop());

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>,
);

describe("authorization matrix", () => {
  it("has a row for every procedure in the router, and no stale rows", () => {
    const paths = procedures.map(([p]) => p).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(paths);
    for (const [path, proc] of procedures) expect(MATRIX[path]?.type, path).toBe(proc._def.type);
  });

  for (const [path] of procedures) {
    describe(path, () => {
      for (const actor of ACTORS) {
        it(`${actor}`, async () => {
          const row = MATRIX[path];
          if (!row) throw new Error(`no matrix row for ${path}`);
          const caller = actor === "anonymous" ? f.anonymous : f.actors[actor].caller;
          const input = row.input ? await row.input(f, actor) : undefined;
          const res = await caller.trpc(path, row.type, input);
          if (row.expect[actor] === "allow") {
            expect(res.status, JSON.stringify(res.body)).toBe(200);
            const tenantB = markersOf(f.actors.therapistB, f.actors.clientB);
            const tenantA = [
              ...markersOf(f.actors.therapistA, f.actors.clientA),
              ...f.a.words,
              f.a.assignmentId,
              f.a.ownExerciseId,
            ];
            const foreign: string[] = actor.endsWith("A")
              ? tenantB
              : actor.endsWith("B")
                ? tenantA
                : [...tenantA, ...tenantB];
            const text = JSON.stringify(res.body);
            if (actor !== "therapistA") foreign.push(SESSION_NOTE_CANARY);
            const shown = new Set(row.reveals?.(f) ?? []);
            for (const marker of foreign.filter((m) => !shown.has(m)))
              expect(text, `${path} as ${actor} leaked ${marker}`).not.toContain(marker);
          } else {
            expect(
              [401, 403, 404],
              `${path} as ${actor}: ${res.status} ${JSON.stringify(res.body)}`,
            ).toContain(res.status);
          }
        });
      }
    });
  }
});
