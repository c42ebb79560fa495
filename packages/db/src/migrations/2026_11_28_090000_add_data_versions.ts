import { type Kysely, sql } from "kysely";

// Frozen in time: never import application code here.
//
// Every user gets a data version: a number that goes up, in the same transaction, whenever
// something their screens show changes. A client's covers their assignments (and the exercises
// those use), entries, profile and session notes; a therapist's covers all of that for every one
// of their clients, plus their invitations and their clients' names. The API reads the version
// with the session (no extra query) and reuses a screen it built for the same version: see
// apps/api/src/cache/. Columns only the worker moves (next reminder, next summary) are left out,
// so sending reminders does not make every screen be built again.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table "user" add column data_version bigint not null default 0`.execute(db);

  // A client and the therapist they belong to (if any).
  await sql`
    create function tend_touch_client(client text, also text default null) returns void
    language sql as $$
      update "user" set data_version = data_version + 1
       where id = any (array[client, also,
                             (select therapist_id from client_profile where user_id = client)])
    $$`.execute(db);
  await sql`
    create function tend_touch_users(ids text[]) returns void
    language sql as $$
      update "user" set data_version = data_version + 1 where id = any (ids)
    $$`.execute(db);

  // entry, assignment, session_note: the client's row (and therapist) on every change.
  await sql`
    create function tend_touch_row_client() returns trigger
    language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then perform tend_touch_client(old.client_id); end if;
      if tg_op <> 'DELETE' and (tg_op = 'INSERT' or new.client_id is distinct from old.client_id) then
        perform tend_touch_client(new.client_id);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger entry_data_version after insert or update or delete on entry
            for each row execute function tend_touch_row_client()`.execute(db);
  await sql`create trigger session_note_data_version after insert or update or delete on session_note
            for each row execute function tend_touch_row_client()`.execute(db);
  await sql`create trigger assignment_data_version_write after insert or delete on assignment
            for each row execute function tend_touch_row_client()`.execute(db);
  await sql`create trigger assignment_data_version_update
            after update of therapist_id, client_id, exercise_id, note_ciphertext, schedule,
                            start_date, end_date, reminders_enabled, status, updated_at
            on assignment for each row execute function tend_touch_row_client()`.execute(db);

  // client_profile: the client and both the old and the new therapist.
  await sql`
    create function tend_touch_profile() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform tend_touch_users(array[new.user_id, new.therapist_id]);
      elsif tg_op = 'DELETE' then
        perform tend_touch_users(array[old.user_id, old.therapist_id]);
      else
        perform tend_touch_users(array[old.user_id, old.therapist_id, new.user_id, new.therapist_id]);
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger client_profile_data_version_write after insert or delete on client_profile
            for each row execute function tend_touch_profile()`.execute(db);
  await sql`create trigger client_profile_data_version_update
            after update of user_id, therapist_id, time_zone, share_practice_log,
                            week_note_ciphertext, week_note_updated_at, deletion_requested_at,
                            quiet_start, quiet_end, reminders_paused_until, reminder_emails,
                            summary_emails, summary_day, summary_time, quote_words_in_summary
            on client_profile for each row execute function tend_touch_profile()`.execute(db);

  // invitation: the therapist's client list.
  await sql`
    create function tend_touch_invitation() returns trigger
    language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then perform tend_touch_users(array[old.therapist_id]); end if;
      if tg_op <> 'DELETE' then perform tend_touch_users(array[new.therapist_id]); end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger invitation_data_version after insert or update or delete on invitation
            for each row execute function tend_touch_invitation()`.execute(db);

  // exercise: a new current version (title, length) or archiving shows on every assignment of it.
  await sql`
    create function tend_touch_exercise() returns trigger
    language plpgsql as $$
    begin
      update "user" set data_version = data_version + 1
       where id in (select a.client_id from assignment a where a.exercise_id = new.id
                    union select a.therapist_id from assignment a where a.exercise_id = new.id
                    union select p.therapist_id from assignment a
                            join client_profile p on p.user_id = a.client_id
                           where a.exercise_id = new.id);
      return null;
    end $$`.execute(db);
  await sql`create trigger exercise_data_version after update on exercise
            for each row when (old.* is distinct from new.*)
            execute function tend_touch_exercise()`.execute(db);

  // A client's name or email, shown on their therapist's screens.
  await sql`
    create function tend_touch_user_identity() returns trigger
    language plpgsql as $$
    begin
      update "user" set data_version = data_version + 1
       where id in (select therapist_id from client_profile where user_id = new.id);
      return null;
    end $$`.execute(db);
  await sql`create trigger user_identity_data_version after update of name, email on "user"
            for each row when (old.name is distinct from new.name or old.email is distinct from new.email)
            execute function tend_touch_user_identity()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists user_identity_data_version on "user"`.execute(db);
  await sql`drop trigger if exists exercise_data_version on exercise`.execute(db);
  await sql`drop trigger if exists invitation_data_version on invitation`.execute(db);
  await sql`drop trigger if exists client_profile_data_version_update on client_profile`.execute(
    db,
  );
  await sql`drop trigger if exists client_profile_data_version_write on client_profile`.execute(db);
  await sql`drop trigger if exists assignment_data_version_update on assignment`.execute(db);
  await sql`drop trigger if exists assignment_data_version_write on assignment`.execute(db);
  await sql`drop trigger if exists session_note_data_version on session_note`.execute(db);
  await sql`drop trigger if exists entry_data_version on entry`.execute(db);
  await sql`drop function if exists tend_touch_user_identity()`.execute(db);
  await sql`drop function if exists tend_touch_exercise()`.execute(db);
  await sql`drop function if exists tend_touch_invitation()`.execute(db);
  await sql`drop function if exists tend_touch_profile()`.execute(db);
  await sql`drop function if exists tend_touch_row_client()`.execute(db);
  await sql`drop function if exists tend_touch_users(text[])`.execute(db);
  await sql`drop function if exists tend_touch_client(text, text)`.execute(db);
  await sql`alter table "user" drop column data_version`.execute(db);
}
