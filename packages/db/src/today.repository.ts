import type { Schedule } from "@tend/core";
import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { Db } from "./create-db.ts";
import type { AssignmentStatus } from "./database.ts";

export type TodayAssignment = {
  id: string;
  exerciseId: string;
  title: string;
  minutes: number;
  noteCiphertext: string | null;
  schedule: Schedule;
  startDate: string;
  endDate: string | null;
  status: AssignmentStatus;
};

export type TodayData = {
  weekNoteCiphertext: string | null;
  /** Active and paused, newest first. */
  assignments: TodayAssignment[];
  /** Completed practice with `from <= completedAt < to`. */
  completions: Array<{ assignmentId: string | null; completedAt: Date }>;
  /** Practices begun and not finished, most recently touched first (at most 20). */
  drafts: Array<{
    entryId: string;
    assignmentId: string | null;
    exerciseId: string;
    title: string;
    startedAt: Date;
    updatedAt: Date;
  }>;
};

/**
 * Everything the client's Today screen reads, in one statement (one round trip instead of four):
 * the week note, their active and paused assignments with the current title and length of each
 * exercise, this week's completions and their drafts. Undefined when the client has no profile.
 */
export async function findTodayData(
  db: Db,
  clientId: string,
  from: Date,
  to: Date,
): Promise<TodayData | undefined> {
  const row = await db
    .selectFrom("client_profile as p")
    .select((eb) => [
      "p.week_note_ciphertext",
      jsonArrayFrom(
        eb
          .selectFrom("assignment as a")
          .innerJoin("exercise as e", "e.id", "a.exercise_id")
          .innerJoin("exercise_version as v", (j) =>
            j.onRef("v.exercise_id", "=", "e.id").onRef("v.version", "=", "e.current_version"),
          )
          .select([
            "a.id",
            "a.exercise_id as exerciseId",
            sql<string>`v.definition->>'title'`.as("title"),
            sql<number>`(v.definition->>'minutes')::int`.as("minutes"),
            "a.note_ciphertext as noteCiphertext",
            "a.schedule",
            "a.start_date as startDate",
            "a.end_date as endDate",
            "a.status",
          ])
          .whereRef("a.client_id", "=", "p.user_id")
          .where("a.status", "in", ["active", "paused"])
          .orderBy("a.created_at", "desc"),
      ).as("assignments"),
      jsonArrayFrom(
        eb
          .selectFrom("entry as c")
          .select(["c.assignment_id as assignmentId", "c.completed_at as completedAt"])
          .whereRef("c.client_id", "=", "p.user_id")
          .where("c.status", "=", "complete")
          .where("c.completed_at", ">=", from)
          .where("c.completed_at", "<", to),
      ).as("completions"),
      jsonArrayFrom(
        eb
          .selectFrom("entry as n")
          .innerJoin("exercise_version as dv", "dv.id", "n.exercise_version_id")
          .select([
            "n.id as entryId",
            "n.assignment_id as assignmentId",
            "dv.exercise_id as exerciseId",
            sql<string>`dv.definition->>'title'`.as("title"),
            "n.started_at as startedAt",
            "n.updated_at as updatedAt",
          ])
          .whereRef("n.client_id", "=", "p.user_id")
          .where("n.status", "=", "draft")
          .orderBy("n.updated_at", "desc")
          .limit(20),
      ).as("drafts"),
    ])
    .where("p.user_id", "=", clientId)
    .executeTakeFirst();
  if (!row) return undefined;
  // JSON carries timestamps as text: make them Dates again. Dates (start/end) stay "YYYY-MM-DD".
  return {
    weekNoteCiphertext: row.week_note_ciphertext,
    assignments: row.assignments as unknown as TodayAssignment[],
    completions: row.completions.map((c) => ({
      assignmentId: c.assignmentId,
      completedAt: new Date(c.completedAt as unknown as string),
    })),
    drafts: row.drafts.map((d) => ({
      ...d,
      startedAt: new Date(d.startedAt as unknown as string),
      updatedAt: new Date(d.updatedAt as unknown as string),
    })),
  };
}
