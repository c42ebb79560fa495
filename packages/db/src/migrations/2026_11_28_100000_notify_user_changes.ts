import { type Kysely, sql } from "kysely";

// Frozen in time: never import application code here.
//
// API processes keep recently used sessions in memory (apps/api/src/cache/session-cache.ts).
// They LISTEN on `tend_user_changed`: any change to a user row (its data version included,
// which moves with everything their screens show) or to one of their sessions (signed out,
// revoked, slid forward) names that user, and every process forgets what it kept for them.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function tend_notify_user_changed() returns trigger
    language plpgsql as $$
    begin
      if tg_table_name = 'session' then
        perform pg_notify('tend_user_changed', old."userId");
      else
        perform pg_notify('tend_user_changed', old.id);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger user_changed_notify after update or delete on "user"
            for each row execute function tend_notify_user_changed()`.execute(db);
  await sql`create trigger session_changed_notify after update or delete on "session"
            for each row execute function tend_notify_user_changed()`.execute(db);

  // A client's session carries their therapist's name: a therapist renamed moves their clients.
  await sql`
    create or replace function tend_touch_user_identity() returns trigger
    language plpgsql as $$
    begin
      update "user" set data_version = data_version + 1
       where id in (select therapist_id from client_profile where user_id = new.id
                    union select user_id from client_profile where therapist_id = new.id);
      return null;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function tend_touch_user_identity() returns trigger
    language plpgsql as $$
    begin
      update "user" set data_version = data_version + 1
       where id in (select therapist_id from client_profile where user_id = new.id);
      return null;
    end $$`.execute(db);
  await sql`drop trigger if exists session_changed_notify on "session"`.execute(db);
  await sql`drop trigger if exists user_changed_notify on "user"`.execute(db);
  await sql`drop function if exists tend_notify_user_changed()`.execute(db);
}
