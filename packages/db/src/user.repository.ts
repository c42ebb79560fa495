import type { Db } from "./create-db.ts";
import type { UserRole } from "./database.ts";

export type Viewer = {
  id: string;
  name: string;
  email: string;
  role: UserRole;
  twoFactorEnabled: boolean;
};

export async function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom("user")
    .select(["id", "role"])
    .where("email", "=", email.toLowerCase())
    .executeTakeFirst();
}

/** Create a client and link them to their therapist (used when an invitation is accepted). */
export async function createClientUser(
  db: Db,
  values: {
    id: string;
    name: string;
    email: string;
    therapistId: string;
    timeZone: string;
    passwordHash: string | null;
  },
): Promise<void> {
  const now = new Date();
  await db
    .insertInto("user")
    .values({
      id: values.id,
      name: values.name,
      email: values.email.toLowerCase(),
      // Opening the invitation link proves the address.
      emailVerified: true,
      image: null,
      twoFactorEnabled: false,
      role: "client",
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  if (values.passwordHash) {
    await db
      .insertInto("account")
      .values({
        id: crypto.randomUUID(),
        accountId: values.id,
        providerId: "credential",
        userId: values.id,
        password: values.passwordHash,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }
  await db
    .insertInto("client_profile")
    .values({ user_id: values.id, therapist_id: values.therapistId, time_zone: values.timeZone })
    .execute();
}

export type ClientProfile = {
  userId: string;
  therapistId: string;
  timeZone: string;
  sharePracticeLog: boolean;
  therapistName: string;
};

export async function findClientProfile(
  db: Db,
  userId: string,
): Promise<ClientProfile | undefined> {
  const row = await db
    .selectFrom("client_profile as p")
    .innerJoin("user as t", "t.id", "p.therapist_id")
    .select([
      "p.user_id",
      "p.therapist_id",
      "p.time_zone",
      "p.share_practice_log",
      "t.name as therapistName",
    ])
    .where("p.user_id", "=", userId)
    .executeTakeFirst();
  return row
    ? {
        userId: row.user_id,
        therapistId: row.therapist_id,
        timeZone: row.time_zone,
        sharePracticeLog: row.share_practice_log,
        therapistName: row.therapistName,
      }
    : undefined;
}

export type ClientSettings = {
  timeZone: string;
  sharePracticeLog: boolean;
  quietStart: string;
  quietEnd: string;
  remindersPausedUntil: Date | null;
  reminderEmails: boolean;
  summaryEmails: boolean;
  summaryDay: number;
  summaryTime: string;
  quoteWordsInSummary: boolean;
};

const settingColumns = {
  timeZone: "time_zone",
  sharePracticeLog: "share_practice_log",
  quietStart: "quiet_start",
  quietEnd: "quiet_end",
  remindersPausedUntil: "reminders_paused_until",
  reminderEmails: "reminder_emails",
  summaryEmails: "summary_emails",
  summaryDay: "summary_day",
  summaryTime: "summary_time",
  quoteWordsInSummary: "quote_words_in_summary",
} as const;

export async function updateClientSettings(
  db: Db,
  userId: string,
  values: Partial<ClientSettings>,
): Promise<void> {
  const set: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(settingColumns)) {
    const v = values[key as keyof ClientSettings];
    if (v !== undefined) set[column] = v;
  }
  if (Object.keys(set).length === 0) return;
  await db.updateTable("client_profile").set(set).where("user_id", "=", userId).execute();
}

export async function findClientSettings(
  db: Db,
  userId: string,
): Promise<ClientSettings | undefined> {
  const r = await db
    .selectFrom("client_profile")
    .select([
      "time_zone as timeZone",
      "share_practice_log as sharePracticeLog",
      "quiet_start as quietStart",
      "quiet_end as quietEnd",
      "reminders_paused_until as remindersPausedUntil",
      "reminder_emails as reminderEmails",
      "summary_emails as summaryEmails",
      "summary_day as summaryDay",
      "summary_time as summaryTime",
      "quote_words_in_summary as quoteWordsInSummary",
    ])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return r;
}

export type ClientSummary = {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  joinedAt: Date;
};

/** A therapist's clients. The therapist id is part of the query: no other tenant's rows can appear. */
export async function listClientsOfTherapist(
  db: Db,
  therapistId: string,
): Promise<ClientSummary[]> {
  const rows = await db
    .selectFrom("client_profile as p")
    .innerJoin("user as u", "u.id", "p.user_id")
    .select(["u.id", "u.name", "u.email", "p.time_zone", "p.created_at"])
    .where("p.therapist_id", "=", therapistId)
    .orderBy("u.name")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    timeZone: r.time_zone,
    joinedAt: r.created_at,
  }));
}

export async function findClientOfTherapist(
  db: Db,
  therapistId: string,
  clientId: string,
): Promise<ClientSummary | undefined> {
  const r = await db
    .selectFrom("client_profile as p")
    .innerJoin("user as u", "u.id", "p.user_id")
    .select(["u.id", "u.name", "u.email", "p.time_zone", "p.created_at"])
    .where("p.therapist_id", "=", therapistId)
    .where("p.user_id", "=", clientId)
    .executeTakeFirst();
  return r
    ? { id: r.id, name: r.name, email: r.email, timeZone: r.time_zone, joinedAt: r.created_at }
    : undefined;
}
