import { randomUUID } from "node:crypto";
import { createClientUser, type Db, findUserByEmail } from "@tend/db";
import type { Auth } from "./auth/auth.ts";
import { authCall } from "./auth/auth-call.ts";
import { hashPassword } from "./auth/password.ts";

export const DEMO = {
  therapist: { email: "demo-therapist@example.com", name: "Dr. Robin Demo" },
  client: { email: "demo-client@example.com", name: "Sam Demo", timeZone: "Europe/London" },
  password: "tend-demo-2026",
} as const;

/**
 * On the embedded (local) database only: a demo therapist and their client, so a first
 * `npm start` has someone to sign in as. Never called when DATABASE_URL points elsewhere.
 */
export async function ensureDemoAccounts(db: Db, auth: Auth): Promise<boolean> {
  if (await findUserByEmail(db, DEMO.therapist.email)) return false;
  await authCall(() =>
    auth.api.signUpEmail({
      body: { email: DEMO.therapist.email, password: DEMO.password, name: DEMO.therapist.name },
    }),
  );
  const therapist = await findUserByEmail(db, DEMO.therapist.email);
  if (!therapist) throw new Error("demo therapist was not created");
  await db
    .updateTable("user")
    .set({ emailVerified: true })
    .where("id", "=", therapist.id)
    .execute();
  // The sign-up queued a verification email; the demo address is not real, so drop it.
  await db.deleteFrom("outbox").where("to_address", "=", DEMO.therapist.email).execute();
  if (!(await findUserByEmail(db, DEMO.client.email))) {
    await createClientUser(db, {
      id: randomUUID(),
      name: DEMO.client.name,
      email: DEMO.client.email,
      therapistId: therapist.id,
      timeZone: DEMO.client.timeZone,
      passwordHash: await hashPassword(DEMO.password),
    });
  }
  return true;
}
