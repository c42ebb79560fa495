import { type Kysely, sql } from "kysely";

// Frozen in time: never import application code here.
// Part 1 is better-auth's own schema (user, session, account, verification, twoFactor,
// rateLimit) exactly as its getMigrations() compiled it for our plugin set; a test checks
// that better-auth finds nothing missing. Its columns are camelCase; ours are snake_case.
const betterAuthSchema = [
  `create table "user" ("id" text not null primary key, "name" text not null, "email" text not null unique, "emailVerified" boolean not null, "image" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null, "twoFactorEnabled" boolean, "role" text not null)`,
  `create table "session" ("id" text not null primary key, "expiresAt" timestamptz not null, "token" text not null unique, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null, "ipAddress" text, "userAgent" text, "userId" text not null references "user" ("id") on delete cascade)`,
  `create table "account" ("id" text not null primary key, "accountId" text not null, "providerId" text not null, "userId" text not null references "user" ("id") on delete cascade, "accessToken" text, "refreshToken" text, "idToken" text, "accessTokenExpiresAt" timestamptz, "refreshTokenExpiresAt" timestamptz, "scope" text, "password" text, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz not null)`,
  `create table "verification" ("id" text not null primary key, "identifier" text not null, "value" text not null, "expiresAt" timestamptz not null, "createdAt" timestamptz default CURRENT_TIMESTAMP not null, "updatedAt" timestamptz default CURRENT_TIMESTAMP not null)`,
  `create table "twoFactor" ("id" text not null primary key, "secret" text not null, "backupCodes" text not null, "userId" text not null references "user" ("id") on delete cascade, "verified" boolean, "failedVerificationCount" integer, "lockedUntil" timestamptz)`,
  `create table "rateLimit" ("id" text not null primary key, "key" text not null unique, "count" integer not null, "lastRequest" bigint not null)`,
  `create index "session_userId_idx" on "session" ("userId")`,
  `create index "account_userId_idx" on "account" ("userId")`,
  `create index "verification_identifier_idx" on "verification" ("identifier")`,
  `create index "twoFactor_secret_idx" on "twoFactor" ("secret")`,
  `create index "twoFactor_userId_idx" on "twoFactor" ("userId")`,
  `alter table "user" add constraint user_role_check check ("role" in ('therapist', 'client'))`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of betterAuthSchema) await sql.raw(statement).execute(db);
  await sql`alter table exercise add constraint exercise_owner_fk foreign key (owner_user_id) references "user" (id) on delete cascade`.execute(
    db,
  );

  // A client belongs to exactly one therapist.
  await db.schema
    .createTable("client_profile")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("therapist_id", "text", (c) => c.notNull().references("user.id"))
    .addColumn("time_zone", "text", (c) => c.notNull())
    // Whether the therapist may see that a private practice happened (date and exercise).
    .addColumn("share_practice_log", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("client_profile_therapist_idx")
    .on("client_profile")
    .column("therapist_id")
    .execute();

  await db.schema
    .createTable("invitation")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("therapist_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    // sha256 of the token; the token itself exists only in the email.
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("sent_count", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("last_sent_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("accepted_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("client_user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex("invitation_therapist_idx")
    .on("invitation")
    .columns(["therapist_id", "created_at"])
    .execute();

  // Transactional outbox: every email is a row, at most one per idempotency key.
  await db.schema
    .createTable("outbox")
    .addColumn("id", "uuid", (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("status", "text", (c) =>
      c
        .notNull()
        .defaultTo("queued")
        .check(sql`status in ('queued', 'sending', 'sent', 'failed', 'cancelled')`),
    )
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("locked_until", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("message_id", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("sent_at", "timestamptz")
    .execute();
  await sql`create index outbox_due_idx on outbox (next_attempt_at) where status in ('queued', 'sending')`.execute(
    db,
  );

  // Who did what, when: sign-ins (good and failed) and every look at a client's data.
  await db.schema
    .createTable("audit_event")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("subject_user_id", "text")
    .addColumn("ip", "text")
    .addColumn("detail", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema
    .createIndex("audit_event_subject_idx")
    .on("audit_event")
    .columns(["subject_user_id", "at"])
    .execute();
  await db.schema
    .createIndex("audit_event_actor_idx")
    .on("audit_event")
    .columns(["actor_user_id", "at"])
    .execute();

  // Fixed-window counters shared by every API process (per account, per invite sender).
  await db.schema
    .createTable("rate_limit_bucket")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("window_start", "timestamptz", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table exercise drop constraint exercise_owner_fk`.execute(db);
  for (const t of ["rate_limit_bucket", "audit_event", "outbox", "invitation", "client_profile"]) {
    await db.schema.dropTable(t).execute();
  }
  for (const t of ["rateLimit", "twoFactor", "verification", "account", "session", "user"]) {
    await db.schema.dropTable(t).execute();
  }
}
