import type { Migration } from "kysely";
import * as m20261126080000 from "./2026_11_26_080000_create_exercises.ts";
import * as m20261126090000 from "./2026_11_26_090000_create_accounts.ts";
import * as m20261126100000 from "./2026_11_26_100000_create_practice.ts";
import * as m20261126110000 from "./2026_11_26_110000_create_reminders.ts";
import * as m20261126120000 from "./2026_11_26_120000_create_review.ts";
import * as m20261127090000 from "./2026_11_27_090000_add_entry_client_indexes.ts";
import * as m20261128090000 from "./2026_11_28_090000_add_data_versions.ts";
import * as m20261128100000 from "./2026_11_28_100000_notify_user_changes.ts";
import * as m20261128110000 from "./2026_11_28_110000_data_versions_per_statement.ts";

/** Every migration, by name. Names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  "2026_11_26_080000_create_exercises": m20261126080000,
  "2026_11_26_090000_create_accounts": m20261126090000,
  "2026_11_26_100000_create_practice": m20261126100000,
  "2026_11_26_110000_create_reminders": m20261126110000,
  "2026_11_26_120000_create_review": m20261126120000,
  "2026_11_27_090000_add_entry_client_indexes": m20261127090000,
  "2026_11_28_090000_add_data_versions": m20261128090000,
  "2026_11_28_100000_notify_user_changes": m20261128100000,
  "2026_11_28_110000_data_versions_per_statement": m20261128110000,
};
