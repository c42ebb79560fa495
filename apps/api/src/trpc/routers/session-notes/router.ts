import { router } from "../../init.ts";
import { listSessionNotes } from "./list-session-notes.ts";
import { saveSessionNote } from "./save-session-note.ts";

export const sessionNotesRouter = router({ list: listSessionNotes, save: saveSessionNote });
