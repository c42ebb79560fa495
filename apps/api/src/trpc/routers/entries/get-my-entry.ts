import { AppError } from "@tend/core";
import { findEntryOfClient } from "@tend/db";
import { readOwnEntry } from "../../../practice/entries.ts";
import { clientProcedure } from "../../init.ts";
import { entryIdInput, ownEntryDto } from "./dto.ts";

export const getMyEntry = clientProcedure
  .input(entryIdInput.strict())
  .output(ownEntryDto)
  .query(async ({ ctx, input }) => {
    const entry = await findEntryOfClient(ctx.db, ctx.client.id, input.id);
    if (!entry) throw new AppError("NOT_FOUND", "We could not find that entry.");
    return readOwnEntry(ctx.cipher, entry);
  });
