import type { ExerciseDefinition, Schedule } from "@tend/core";
import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp with a database default: optional on insert. */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
type Json<T> = ColumnType<T, string, string>;

// ── Exercises ────────────────────────────────────────────────────────────────
export interface ExerciseTable {
  id: Generated<string>;
  slug: string | null;
  owner_user_id: string | null;
  current_version: Generated<number>;
  archived_at: NullableTimestamp;
  created_at: DefaultedTimestamp;
}

export interface ExerciseVersionTable {
  id: Generated<string>;
  exercise_id: string;
  version: number;
  definition: Json<ExerciseDefinition>;
  created_at: DefaultedTimestamp;
}

// ── better-auth's tables (its own camelCase columns) ────────────────────────
export type UserRole = "therapist" | "client";

export interface UserTable {
  id: string;
  name: string;
  email: string;
  emailVerified: boolean;
  image: string | null;
  createdAt: DefaultedTimestamp;
  updatedAt: DefaultedTimestamp;
  twoFactorEnabled: boolean | null;
  role: UserRole;
  /** Goes up whenever something this user's screens show changes (triggers; see migrations). */
  data_version: Generated<number>;
}

export interface SessionTable {
  id: string;
  expiresAt: Timestamp;
  token: string;
  createdAt: DefaultedTimestamp;
  updatedAt: Timestamp;
  ipAddress: string | null;
  userAgent: string | null;
  userId: string;
}

export interface AccountTable {
  id: string;
  accountId: string;
  providerId: string;
  userId: string;
  password: string | null;
  createdAt: DefaultedTimestamp;
  updatedAt: Timestamp;
}

export interface VerificationTable {
  id: string;
  identifier: string;
  value: string;
  expiresAt: Timestamp;
  createdAt: DefaultedTimestamp;
  updatedAt: DefaultedTimestamp;
}

// ── Ours ────────────────────────────────────────────────────────────────────
export interface ClientProfileTable {
  user_id: string;
  therapist_id: string;
  time_zone: string;
  share_practice_log: Generated<boolean>;
  created_at: DefaultedTimestamp;
  quiet_start: Generated<string>;
  quiet_end: Generated<string>;
  reminders_paused_until: NullableTimestamp;
  reminder_emails: Generated<boolean>;
  summary_emails: Generated<boolean>;
  summary_day: Generated<number>;
  summary_time: Generated<string>;
  quote_words_in_summary: Generated<boolean>;
  next_summary_at: NullableTimestamp;
  week_note_ciphertext: string | null;
  week_note_updated_at: NullableTimestamp;
  calendar_token_hash: string | null;
  deletion_requested_at: NullableTimestamp;
}

export interface SessionNoteTable {
  id: Generated<string>;
  therapist_id: string;
  client_id: string;
  session_date: string;
  note_ciphertext: string;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
}

export interface TherapistSettingsTable {
  user_id: string;
  time_zone: Generated<string>;
  digest_emails: Generated<boolean>;
  digest_day: Generated<number>;
  digest_time: Generated<string>;
  next_digest_at: NullableTimestamp;
}

export interface ReminderSkipTable {
  assignment_id: string;
  occurrence_at: Timestamp;
  created_at: DefaultedTimestamp;
}

export interface InvitationTable {
  id: Generated<string>;
  therapist_id: string;
  name: string;
  email: string;
  token_hash: string;
  expires_at: Timestamp;
  sent_count: Generated<number>;
  last_sent_at: DefaultedTimestamp;
  accepted_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  client_user_id: string | null;
  created_at: DefaultedTimestamp;
}

export type OutboxStatus = "queued" | "sending" | "sent" | "failed" | "cancelled";

export interface OutboxTable {
  id: Generated<string>;
  idempotency_key: string;
  template: string;
  to_address: string;
  data: Json<Record<string, unknown>>;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: DefaultedTimestamp;
  locked_until: NullableTimestamp;
  last_error: string | null;
  message_id: string | null;
  created_at: DefaultedTimestamp;
  sent_at: NullableTimestamp;
}

export interface AuditEventTable {
  id: Generated<string>;
  at: DefaultedTimestamp;
  action: string;
  actor_user_id: string | null;
  subject_user_id: string | null;
  ip: string | null;
  detail: Json<Record<string, unknown>>;
}

export interface RateLimitBucketTable {
  key: string;
  window_start: Timestamp;
  count: number;
}

// ── Practice ────────────────────────────────────────────────────────────────
export type AssignmentStatus = "active" | "paused" | "ended";

export interface AssignmentTable {
  id: Generated<string>;
  therapist_id: string;
  client_id: string;
  exercise_id: string;
  note_ciphertext: string | null;
  schedule: Json<Schedule>;
  /** Local dates, returned as "YYYY-MM-DD" strings (see create-db.ts). */
  start_date: string;
  end_date: string | null;
  reminders_enabled: Generated<boolean>;
  status: Generated<AssignmentStatus>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  next_reminder_at: NullableTimestamp;
  next_occurrence_at: NullableTimestamp;
}

export type EntryStatus = "draft" | "complete";

export interface EntryTable {
  id: Generated<string>;
  client_id: string;
  assignment_id: string | null;
  exercise_version_id: string;
  status: Generated<EntryStatus>;
  words_ciphertext: string | null;
  measures: Json<Record<string, unknown>>;
  shared_at: NullableTimestamp;
  flagged_for_session: Generated<boolean>;
  started_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  completed_at: NullableTimestamp;
}

export interface Database {
  exercise: ExerciseTable;
  exercise_version: ExerciseVersionTable;
  user: UserTable;
  session: SessionTable;
  account: AccountTable;
  verification: VerificationTable;
  client_profile: ClientProfileTable;
  invitation: InvitationTable;
  outbox: OutboxTable;
  audit_event: AuditEventTable;
  rate_limit_bucket: RateLimitBucketTable;
  assignment: AssignmentTable;
  entry: EntryTable;
  therapist_settings: TherapistSettingsTable;
  reminder_skip: ReminderSkipTable;
  session_note: SessionNoteTable;
}

export type ExerciseRow = Selectable<ExerciseTable>;
export type UserRow = Selectable<UserTable>;
export type InvitationRow = Selectable<InvitationTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type NewOutboxRow = Insertable<OutboxTable>;
export type AssignmentRow = Selectable<AssignmentTable>;
export type EntryRow = Selectable<EntryTable>;
