import type { ExerciseDefinition } from "@tend/core";
import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ExerciseTable {
  id: Generated<string>;
  slug: string | null;
  owner_user_id: string | null;
  current_version: Generated<number>;
  archived_at: Date | null;
  created_at: Generated<Timestamp>;
}

export interface ExerciseVersionTable {
  id: Generated<string>;
  exercise_id: string;
  version: number;
  definition: ColumnType<ExerciseDefinition, string, string>;
  created_at: Generated<Timestamp>;
}

export interface Database {
  exercise: ExerciseTable;
  exercise_version: ExerciseVersionTable;
}

export type ExerciseRow = Selectable<ExerciseTable>;
