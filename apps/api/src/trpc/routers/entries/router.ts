import { router } from "../../init.ts";
import { deleteMyEntry } from "./delete-my-entry.ts";
import { getMyEntry } from "./get-my-entry.ts";
import { listClientEntries } from "./list-client-entries.ts";
import { listMyEntries } from "./list-my-entries.ts";
import { setEntryFlag } from "./set-entry-flag.ts";
import { setEntrySharing } from "./set-entry-sharing.ts";

export const entriesRouter = router({
  mine: listMyEntries,
  get: getMyEntry,
  setSharing: setEntrySharing,
  setFlag: setEntryFlag,
  delete: deleteMyEntry,
  forClient: listClientEntries,
});
