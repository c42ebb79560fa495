import { findClientSettings } from "@tend/db";
import { clientProcedure } from "../../init.ts";
import { clientSettingsDto } from "./dto.ts";

export const getClientSettings = clientProcedure
  .output(clientSettingsDto)
  .query(async ({ ctx }) => (await findClientSettings(ctx.db, ctx.client.id))!);
