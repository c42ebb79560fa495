import { listEntriesOfClient } from "@tend/db";
import { z } from "zod";
import { readOwnEntry } from "../../../practice/entries.ts";
import { clientProcedure } from "../../init.ts";
import { ownEntryDto } from "./dto.ts";

/** The client's own history, newest first. */
export const listMyEntries = clientProcedure.output(z.array(ownEntryDto)).query(async ({ ctx }) => {
  const rows = await listEntriesOfClient(ctx.db, ctx.client.id);
  return rows.map((e) => readOwnEntry(ctx.cipher, e));
});
