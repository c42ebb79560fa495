import { findClientProfile } from "@tend/db";
import { z } from "zod";
import { authedProcedure } from "../../init.ts";

export const meDto = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(["therapist", "client"]),
  twoFactorEnabled: z.boolean(),
  client: z
    .object({ therapistName: z.string(), timeZone: z.string(), sharePracticeLog: z.boolean() })
    .nullable(),
});

/** The signed-in person, or null when nobody is signed in (the web uses this to route). */
export const getMe = authedProcedure.output(meDto).query(async ({ ctx }) => {
  const { viewer } = ctx;
  const profile =
    viewer.role === "client" ? await findClientProfile(ctx.db, viewer.userId) : undefined;
  return {
    id: viewer.userId,
    name: viewer.name,
    email: viewer.email,
    role: viewer.role,
    twoFactorEnabled: viewer.twoFactorEnabled,
    client: profile
      ? {
          therapistName: profile.therapistName,
          timeZone: profile.timeZone,
          sharePracticeLog: profile.sharePracticeLog,
        }
      : null,
  };
});
