import { type Kysely, sql } from "kysely";

// Frozen in time: never import application code here.
//
// The data-version triggers of 2026_11_28_090000 ran once per row and updated the therapist's
// user row every time: a statement writing 100,000 assignments of one therapist (or deleting a
// client, whose cascades touch the therapist once per row) updated one row 100,000 times in one
// transaction, each update walking all the earlier versions. Now:
// - the triggers run once per statement, over its transition tables;
// - each user's version moves at most once per transaction (`tend.touched`, a transaction-local
//   setting, remembers who was moved): once is all a reader needs to see that something changed;
// - users are locked in id order, so two transactions touching the same users cannot deadlock.
// What moves a version, and what does not (the worker's next reminder, next summary), is
// unchanged.

const ASSIGNMENT_COLUMNS = [
  "therapist_id",
  "client_id",
  "exercise_id",
  "note_ciphertext",
  "schedule",
  "start_date",
  "end_date",
  "reminders_enabled",
  "status",
  "updated_at",
];
const PROFILE_COLUMNS = [
  "user_id",
  "therapist_id",
  "time_zone",
  "share_practice_log",
  "week_note_ciphertext",
  "week_note_updated_at",
  "deletion_requested_at",
  "quiet_start",
  "quiet_end",
  "reminders_paused_until",
  "reminder_emails",
  "summary_emails",
  "summary_day",
  "summary_time",
  "quote_words_in_summary",
];
const changed = (columns: string[]) =>
  sql.raw(
    `(${columns.map((c) => `n.${c}`).join(", ")}) is distinct from (${columns.map((c) => `o.${c}`).join(", ")})`,
  );

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, trigger] of [
    ["entry", "entry_data_version"],
    ["session_note", "session_note_data_version"],
    ["assignment", "assignment_data_version_write"],
    ["assignment", "assignment_data_version_update"],
    ["client_profile", "client_profile_data_version_write"],
    ["client_profile", "client_profile_data_version_update"],
    ["invitation", "invitation_data_version"],
  ] as const)
    await sql`drop trigger ${sql.id(trigger)} on ${sql.id(table)}`.execute(db);
  await sql`drop function tend_touch_row_client()`.execute(db);
  await sql`drop function tend_touch_profile()`.execute(db);
  await sql`drop function tend_touch_invitation()`.execute(db);
  await sql`drop function tend_touch_client(text, text)`.execute(db);

  // Move each user's version once per transaction, locking in id order.
  await sql`
    create or replace function tend_touch_users(ids text[]) returns void
    language plpgsql as $$
    declare
      done text[] := coalesce(string_to_array(nullif(current_setting('tend.touched', true), ''), ','), '{}');
      todo text[];
      moved text[];
    begin
      select array_agg(distinct i order by i) into todo
        from unnest(ids) i where i is not null and not (i = any (done));
      if todo is null then return; end if;
      with target as (select id from "user" where id = any (todo) order by id for update),
           bumped as (update "user" u set data_version = u.data_version + 1
                        from target where u.id = target.id returning u.id)
      select array_agg(id) into moved from bumped;
      if moved is not null then
        perform set_config('tend.touched', array_to_string(done || moved, ','), true);
      end if;
    end $$`.execute(db);

  // These clients and their therapists.
  await sql`
    create function tend_touch_clients(clients text[]) returns void
    language sql as $$
      select tend_touch_users(array(
        select unnest(clients)
        union select p.therapist_id from client_profile p where p.user_id = any (clients)))
    $$`.execute(db);

  // entry, session_note, assignment inserts and deletes: the clients of the rows.
  await sql`
    create function tend_touch_statement_clients() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform tend_touch_clients(array(select distinct client_id from new_rows));
      elsif tg_op = 'DELETE' then
        perform tend_touch_clients(array(select distinct client_id from old_rows));
      else
        perform tend_touch_clients(array(select client_id from new_rows
                                         union select client_id from old_rows));
      end if;
      return null;
    end $$`.execute(db);
  for (const table of ["entry", "session_note"]) {
    await sql`create trigger ${sql.id(`${table}_data_version_insert`)} after insert on ${sql.id(table)}
              referencing new table as new_rows
              for each statement execute function tend_touch_statement_clients()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_data_version_update`)} after update on ${sql.id(table)}
              referencing new table as new_rows old table as old_rows
              for each statement execute function tend_touch_statement_clients()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_data_version_delete`)} after delete on ${sql.id(table)}
              referencing old table as old_rows
              for each statement execute function tend_touch_statement_clients()`.execute(db);
  }
  await sql`create trigger assignment_data_version_insert after insert on assignment
            referencing new table as new_rows
            for each statement execute function tend_touch_statement_clients()`.execute(db);
  await sql`create trigger assignment_data_version_delete after delete on assignment
            referencing old table as old_rows
            for each statement execute function tend_touch_statement_clients()`.execute(db);
  // Updates of assignments: only rows whose shown columns changed (not the worker's next times).
  await sql`
    create function tend_touch_assignment_update() returns trigger
    language plpgsql as $$
    begin
      perform tend_touch_clients(array(
        select n.client_id from new_rows n join old_rows o on o.id = n.id where ${changed(ASSIGNMENT_COLUMNS)}
        union
        select o.client_id from new_rows n join old_rows o on o.id = n.id where ${changed(ASSIGNMENT_COLUMNS)}));
      return null;
    end $$`.execute(db);
  await sql`create trigger assignment_data_version_update after update on assignment
            referencing new table as new_rows old table as old_rows
            for each statement execute function tend_touch_assignment_update()`.execute(db);

  // client_profile: the client and both the old and the new therapist (not the next summary).
  await sql`
    create function tend_touch_profile_statement() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform tend_touch_users(array(select user_id from new_rows union select therapist_id from new_rows));
      elsif tg_op = 'DELETE' then
        perform tend_touch_users(array(select user_id from old_rows union select therapist_id from old_rows));
      else
        perform tend_touch_users(array(
          select x from new_rows n join old_rows o on o.user_id = n.user_id,
                 lateral (values (n.user_id), (n.therapist_id), (o.user_id), (o.therapist_id)) v(x)
           where ${changed(PROFILE_COLUMNS)}));
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger client_profile_data_version_insert after insert on client_profile
            referencing new table as new_rows
            for each statement execute function tend_touch_profile_statement()`.execute(db);
  await sql`create trigger client_profile_data_version_update after update on client_profile
            referencing new table as new_rows old table as old_rows
            for each statement execute function tend_touch_profile_statement()`.execute(db);
  await sql`create trigger client_profile_data_version_delete after delete on client_profile
            referencing old table as old_rows
            for each statement execute function tend_touch_profile_statement()`.execute(db);

  // invitation: the therapist's client list.
  await sql`
    create function tend_touch_invitation_statement() returns trigger
    language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        perform tend_touch_users(array(select therapist_id from new_rows));
      elsif tg_op = 'DELETE' then
        perform tend_touch_users(array(select therapist_id from old_rows));
      else
        perform tend_touch_users(array(select therapist_id from new_rows
                                       union select therapist_id from old_rows));
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger invitation_data_version_insert after insert on invitation
            referencing new table as new_rows
            for each statement execute function tend_touch_invitation_statement()`.execute(db);
  await sql`create trigger invitation_data_version_update after update on invitation
            referencing new table as new_rows old table as old_rows
            for each statement execute function tend_touch_invitation_statement()`.execute(db);
  await sql`create trigger invitation_data_version_delete after delete on invitation
            referencing old table as old_rows
            for each statement execute function tend_touch_invitation_statement()`.execute(db);

  // The two row triggers that stay (exercise edits, a user's name) go through the same function.
  await sql`
    create or replace function tend_touch_exercise() returns trigger
    language plpgsql as $$
    begin
      perform tend_touch_clients(array(select a.client_id from assignment a where a.exercise_id = new.id));
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function tend_touch_user_identity() returns trigger
    language plpgsql as $$
    begin
      perform tend_touch_users(array(
        select therapist_id from client_profile where user_id = new.id
        union select user_id from client_profile where therapist_id = new.id));
      return null;
    end $$`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("2026_11_28_110000 cannot be undone: restore from a backup instead.");
}
