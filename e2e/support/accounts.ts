import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import type { RunningApi } from "./api-server.ts";

export type Person = { name: string; email: string; password: string };

/** A therapist creates their account through the sign-up page and lands on their clients. */
export async function signUpTherapist(page: Page, api: RunningApi, therapist: Person) {
  await page.goto(`${api.url}/sign-up`);
  await page.getByLabel("Your name").fill(therapist.name);
  await page.getByLabel("Email", { exact: true }).fill(therapist.email);
  await page.getByLabel("Password", { exact: true }).fill(therapist.password);
  await page.getByRole("button", { name: "Create account" }).click();
  // Either the clients page, or the form's error summary (say what it said, for a useful failure).
  const outcome = await Promise.race([
    page.waitForURL(/\/clients$/).then(() => null),
    page
      .getByRole("alert")
      .waitFor()
      .then(() => page.getByRole("alert").textContent()),
  ]);
  if (outcome !== null) throw new Error(`sign-up was refused: ${outcome}`);
  await page.getByRole("heading", { level: 1, name: "Your clients" }).waitFor();
}

/** Through the "Invite a client" dialog on /clients. */
export async function inviteClient(page: Page, client: { name: string; email: string }) {
  await page.getByRole("button", { name: "Invite a client" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a client" });
  await dialog.getByLabel("Client's name").fill(client.name);
  await dialog.getByLabel("Client's email").fill(client.email);
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  await page.getByRole("status").getByText(`Invitation sent to ${client.name}`).waitFor();
}

/** The link in the invitation email (the outbox row; no worker runs in e2e). */
export async function invitationLink(api: RunningApi, email: string): Promise<string> {
  const row = await api.db.db
    .selectFrom("outbox")
    .select(["data"])
    .where("template", "=", "invite")
    .where("to_address", "=", email)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  const url = (row.data as { url?: unknown }).url;
  if (typeof url !== "string") throw new Error("invitation email without a url");
  return url;
}

/** Accessibility check of what is on screen: the serious and critical findings, for a readable diff. */
export async function seriousA11yViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
}
