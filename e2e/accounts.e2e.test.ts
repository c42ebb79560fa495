import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  invitationLink,
  inviteClient,
  type Person,
  seriousA11yViolations,
  signUpTherapist,
} from "./support/accounts.ts";
import { type RunningApi, startApi } from "./support/api-server.ts";
import { launchBrowser } from "./support/browser.ts";
import { totp } from "./support/totp.ts";

// Accounts end to end, in real Chromium against the real API on a fresh database:
// therapist sign-up → invitation through the dialog → the client joins from the emailed link
// in a separate browser → each sees their own side → another therapist's client sees nothing.

let api: RunningApi;
let browser: Browser;
const contexts: BrowserContext[] = [];

const therapistA: Person = {
  name: "Dr. Ada Okafor",
  email: "ada@example.test",
  password: "quiet harbour lanterns",
};
const clientA: Person = {
  name: "Jonah Reyes",
  email: "jonah@example.test",
  password: "slow river morning",
};
const therapistB: Person = {
  name: "Dr. Bea Lindqvist",
  email: "bea@example.test",
  password: "amber kettle meadow",
};
const clientB = { name: "Priya Shah", email: "priya@example.test" };

let therapistPage: Page;
let clientPage: Page;
let clientBPage: Page;

async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  return context.newPage();
}

/** A tRPC query made with the page's own cookies, as the browser would. */
async function trpcGet(page: Page, path: string, input?: unknown) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return page.request.get(`${api.url}/trpc/${path}${query}`);
}

beforeAll(async () => {
  api = await startApi();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await api?.stop();
});

describe("accounts in Chromium", () => {
  it("sends a signed-out visitor to sign in; a therapist signs up (sign-in and sign-up pass axe)", async () => {
    therapistPage = await freshPage();
    await therapistPage.goto(api.url);
    await therapistPage.waitForURL(/\/sign-in$/);
    await therapistPage.getByRole("heading", { level: 1, name: "Welcome back" }).waitFor();
    expect(await seriousA11yViolations(therapistPage)).toEqual([]);

    // The email-link tab is a real tab: arrow keys move to it.
    await therapistPage.getByRole("tab", { name: "With a password" }).focus();
    await therapistPage.keyboard.press("ArrowRight");
    expect(
      await therapistPage
        .getByRole("tab", { name: "With an email link" })
        .getAttribute("aria-selected"),
    ).toBe("true");
    await therapistPage.getByRole("button", { name: "Email me a link" }).waitFor();

    await therapistPage.getByRole("link", { name: "Create an account" }).click();
    await therapistPage.waitForURL(/\/sign-up$/);
    await therapistPage
      .getByRole("heading", { level: 1, name: "Create a therapist account" })
      .waitFor();
    expect(await seriousA11yViolations(therapistPage)).toEqual([]);

    // An empty form: a summary announced as an alert, each field's message tied to the field.
    await therapistPage.getByRole("button", { name: "Create account" }).click();
    const alert = therapistPage.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Please tell us your name/);
    const nameField = therapistPage.getByLabel("Your name");
    expect(await nameField.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await nameField.getAttribute("aria-describedby")) ?? "";
    const described = await Promise.all(
      describedBy.split(" ").map((id) => therapistPage.locator(`[id="${id}"]`).textContent()),
    );
    expect(described.join(" ")).toMatch(/Please tell us your name/);

    await signUpTherapist(therapistPage, api, therapistA);
    const nav = therapistPage.getByRole("navigation", { name: "Main" });
    expect(await nav.getByRole("link").allTextContents()).toEqual([
      "Clients",
      "Library",
      "Account",
    ]);
    await therapistPage.getByRole("button", { name: "Sign out" }).waitFor();
  });

  it("invites a client through an accessible dialog (axe with the dialog open)", async () => {
    const page = therapistPage;
    const opener = page.getByRole("button", { name: "Invite a client" });
    await opener.click();
    const dialog = page.getByRole("dialog", { name: "Invite a client" });
    await dialog.waitFor();
    // Focus moves into the dialog, to its first field.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("invite-client-name");
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Escape closes it and focus goes back to the button that opened it.
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);

    // Keyboard only: open with Enter, type, send with Enter.
    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.type(clientA.name);
    await page.keyboard.press("Tab");
    await page.keyboard.type("not-an-email");
    await page.keyboard.press("Enter");
    await dialog
      .getByRole("alert")
      .getByText(/check the email address/)
      .waitFor();
    await dialog.getByLabel("Client's email").fill(clientA.email);
    await dialog.getByLabel("Client's email").press("Enter");
    await page.getByRole("status").getByText(`Invitation sent to ${clientA.name}`).waitFor();
    await dialog.waitFor({ state: "hidden" });

    const row = page.getByRole("list", { name: "Invitations" }).getByRole("listitem");
    await row.filter({ hasText: clientA.email }).getByText("Invited", { exact: true }).waitFor();
  });

  it("the client opens the emailed link in a fresh browser and joins with a password (axe on invite and home)", async () => {
    const link = await invitationLink(api, clientA.email);
    expect(link).toMatch(new RegExp(`^${api.url}/invite#[A-Za-z0-9_-]{20,}$`));

    clientPage = await freshPage();
    await clientPage.goto(link);
    await clientPage
      .getByRole("heading", { level: 1, name: `${therapistA.name} invited you to Tend` })
      .waitFor();
    expect(await clientPage.getByLabel("What should we call you?").inputValue()).toBe(clientA.name);
    expect(await clientPage.getByLabel("Your time zone").inputValue()).not.toBe("");
    expect(await seriousA11yViolations(clientPage)).toEqual([]);

    await clientPage.getByLabel("Set a password").check();
    // The server turns down a very common password with a sentence; the page shows it.
    await clientPage.getByLabel("Choose a password").fill("password");
    await clientPage.getByRole("button", { name: "Join Tend" }).click();
    await clientPage
      .getByRole("alert")
      .getByText(/most common/)
      .waitFor();

    await clientPage.getByLabel("Choose a password").fill(clientA.password);
    await clientPage.getByRole("button", { name: "Join Tend" }).click();
    await clientPage.waitForURL(/\/home$/);
    await clientPage.getByRole("heading", { level: 1, name: `Welcome, ${clientA.name}` }).waitFor();
    await clientPage.getByRole("heading", { name: `Practising with ${therapistA.name}` }).waitFor();
    await clientPage.getByText("Nobody has opened your information yet.").waitFor();
    const nav = clientPage.getByRole("navigation", { name: "Main" });
    const clientLinks = await nav.getByRole("link").allTextContents();
    expect(clientLinks).toEqual(expect.arrayContaining(["Home", "Account"]));
    expect(clientLinks).not.toContain("Clients");
    expect(clientLinks).not.toContain("Library");
    expect(await seriousA11yViolations(clientPage)).toEqual([]);

    // The link is spent.
    const again = await freshPage();
    await again.goto(link);
    await again.getByText("The link has expired or has already been used").waitFor();
  });

  it("the therapist sees the client joined; the client sees that the therapist looked", async () => {
    await therapistPage.reload();
    const clients = therapistPage.getByRole("list", { name: "Clients" });
    await clients.getByRole("link", { name: clientA.name }).waitFor();
    const invitation = therapistPage
      .getByRole("list", { name: "Invitations" })
      .getByRole("listitem")
      .filter({ hasText: clientA.email });
    await invitation.getByText("Accepted", { exact: true }).waitFor();
    // An accepted invitation cannot be sent again or withdrawn.
    expect(await invitation.getByRole("button").count()).toBe(0);

    await clients.getByRole("link", { name: clientA.name }).click();
    await therapistPage.getByRole("heading", { level: 1, name: clientA.name }).waitFor();
    await therapistPage.getByText(clientA.email).waitFor();

    await clientPage.reload();
    const log = clientPage.getByRole("list", { name: "Access to your information" });
    await log.getByText(`${therapistA.name} (your therapist)`).first().waitFor();
    expect(await log.textContent()).toMatch(/Opened your profile/);

    // The client's own settings save.
    await clientPage.getByLabel("Let my therapist see when I practised privately").uncheck();
    await clientPage.getByRole("button", { name: "Save settings" }).click();
    await clientPage.getByRole("status").getByText("Saved.").waitFor();
    const me = await (await trpcGet(clientPage, "me.get")).json();
    expect(me.result.data.client.sharePracticeLog).toBe(false);
  });

  it("a client of another therapist sees nothing of the first therapist's", async () => {
    const pageB = await freshPage();
    await signUpTherapist(pageB, api, therapistB);
    await inviteClient(pageB, clientB);

    // Client B joins without a password (email links only).
    clientBPage = await freshPage();
    await clientBPage.goto(await invitationLink(api, clientB.email));
    await clientBPage.getByLabel("No password: I'll sign in with an email link each time").check();
    expect(await clientBPage.getByLabel("Choose a password").count()).toBe(0);
    await clientBPage.getByRole("button", { name: "Join Tend" }).click();
    await clientBPage.waitForURL(/\/home$/);
    await clientBPage
      .getByRole("heading", { name: `Practising with ${therapistB.name}` })
      .waitFor();

    // The therapists' pages are not theirs: /clients sends them home, with nothing of A's.
    await clientBPage.goto(`${api.url}/clients`);
    await clientBPage.waitForURL(/\/home$/);
    await clientBPage
      .getByRole("heading", { level: 1, name: `Welcome, ${clientB.name}` })
      .waitFor();
    const text = (await clientBPage.locator("body").textContent()) ?? "";
    for (const secret of [clientA.name, clientA.email, therapistA.name])
      expect(text).not.toContain(secret);

    // …and the API refuses them outright.
    const clientAId = (
      await api.db.db
        .selectFrom("user")
        .select("id")
        .where("email", "=", clientA.email)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await trpcGet(clientBPage, "clients.list")).status()).toBe(403);
    expect((await trpcGet(clientBPage, "clients.get", { clientId: clientAId })).status()).toBe(403);

    // Therapist B cannot open A's client either, by page or by API.
    expect((await trpcGet(pageB, "clients.get", { clientId: clientAId })).status()).toBe(404);
    await pageB.goto(`${api.url}/clients/${clientAId}`);
    await pageB.getByText("We could not find that client", { exact: true }).waitFor();
    const list = await (await trpcGet(pageB, "clients.list")).json();
    expect(JSON.stringify(list)).not.toContain(clientA.email);
  });

  it("the client signs out from the header and back in with their password", async () => {
    await clientPage.getByRole("button", { name: "Sign out" }).click();
    await clientPage.waitForURL(/\/sign-in$/);
    await clientPage.goto(`${api.url}/home`);
    await clientPage.waitForURL(/\/sign-in\?next=%2Fhome$/);
    await clientPage.getByLabel("Email", { exact: true }).first().fill(clientA.email);
    await clientPage.getByLabel("Password", { exact: true }).fill("not the password");
    await clientPage.getByRole("button", { name: "Sign in" }).click();
    await clientPage
      .getByRole("alert")
      .getByText(/don't match/)
      .waitFor();
    await clientPage.getByLabel("Password", { exact: true }).fill(clientA.password);
    await clientPage.getByRole("button", { name: "Sign in" }).click();
    await clientPage.waitForURL(/\/home$/);
  });

  it("a client without a password signs in with an emailed link", async () => {
    await clientBPage.getByRole("button", { name: "Sign out" }).click();
    await clientBPage.waitForURL(/\/sign-in$/);
    await clientBPage.getByRole("tab", { name: "With an email link" }).click();
    await clientBPage
      .getByRole("tabpanel")
      .getByLabel("Email", { exact: true })
      .fill(clientB.email);
    await clientBPage.getByRole("button", { name: "Email me a link" }).click();
    await clientBPage
      .getByRole("status")
      .getByText(/a sign-in link is on its way/)
      .waitFor();

    const row = await api.db.db
      .selectFrom("outbox")
      .select(["data"])
      .where("template", "=", "magic-link")
      .where("to_address", "=", clientB.email)
      .executeTakeFirstOrThrow();
    await clientBPage.goto((row.data as { url: string }).url);
    await clientBPage.waitForURL(/\/home$/);
    await clientBPage
      .getByRole("heading", { level: 1, name: `Welcome, ${clientB.name}` })
      .waitFor();
  });

  it("a forgotten password is reset from the emailed link", async () => {
    const page = await freshPage();
    await page.goto(`${api.url}/sign-in`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email").fill(clientA.email);
    await page.getByRole("button", { name: "Email me a link" }).click();
    await page
      .getByRole("status")
      .getByText(/a link is on its way/)
      .waitFor();

    const row = await api.db.db
      .selectFrom("outbox")
      .select(["data"])
      .where("template", "=", "reset-password")
      .where("to_address", "=", clientA.email)
      .executeTakeFirstOrThrow();
    await page.goto((row.data as { url: string }).url);
    await page.waitForURL(/\/reset-password$/); // the token is taken out of the address bar
    clientA.password = "new lantern season";
    await page.getByLabel("New password", { exact: true }).fill(clientA.password);
    await page.getByRole("button", { name: "Save new password" }).click();
    await page
      .getByRole("status")
      .getByText(/new password is saved/)
      .waitFor();
    await page.getByRole("link", { name: "Sign in with it now" }).click();
    await page.getByLabel("Email", { exact: true }).first().fill(clientA.email);
    await page.getByLabel("Password", { exact: true }).fill(clientA.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/home$/);
  });

  it("the therapist turns on two-step sign-in and later signs in with a backup code", async () => {
    const page = therapistPage;
    await page.getByRole("link", { name: "Account" }).click();
    await page.getByRole("heading", { level: 1, name: "Account" }).waitFor();
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await page.getByLabel("Your password", { exact: true }).fill(therapistA.password);
    await page.getByRole("button", { name: "Continue" }).click();

    const key = (await page.locator("code.tend-secret").textContent()) ?? "";
    expect(key.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel("Type the 6-digit code the app shows").fill(totp(key.replace(/\s/g, "")));
    await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
    await page.getByRole("list", { name: "Backup codes" }).waitFor();
    const codes = await page
      .getByRole("list", { name: "Backup codes" })
      .getByRole("listitem")
      .allTextContents();
    expect(codes.length).toBeGreaterThan(3);
    await page.getByRole("button", { name: "I've saved them" }).click();
    await page.getByText("After your password, Tend asks for a code").waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.getByLabel("Email", { exact: true }).first().fill(therapistA.email);
    await page.getByLabel("Password", { exact: true }).fill(therapistA.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { level: 1, name: "One more step" }).waitFor();
    await page.getByRole("button", { name: "Use a backup code instead" }).click();
    await page.getByLabel("Backup code").fill(codes[0]!.trim());
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(/\/clients$/);
  });

  it("a session that ends elsewhere sends the next page to sign in, and back there afterwards", async () => {
    const page = clientBPage;
    await page.getByRole("heading", { level: 1, name: `Welcome, ${clientB.name}` }).waitFor();
    const user = await api.db.db
      .selectFrom("user")
      .select("id")
      .where("email", "=", clientB.email)
      .executeTakeFirstOrThrow();
    await api.db.db.deleteFrom("session").where("userId", "=", user.id).execute();

    // An in-app move (no page load): Today's calls answer 401, and the route guard takes over.
    await page.getByRole("navigation").getByRole("link", { name: "Today" }).click();
    await page.waitForURL(/\/sign-in\?next=%2Ftoday$/);
    await page.getByRole("heading", { level: 1, name: "Welcome back" }).waitFor();
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);

    await page.getByRole("tab", { name: "With an email link" }).click();
    await page.getByRole("tabpanel").getByLabel("Email", { exact: true }).fill(clientB.email);
    await page.getByRole("button", { name: "Email me a link" }).click();
    await page
      .getByRole("status")
      .getByText(/a sign-in link is on its way/)
      .waitFor();
    const row = await api.db.db
      .selectFrom("outbox")
      .select(["data"])
      .where("template", "=", "magic-link")
      .where("to_address", "=", clientB.email)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    await page.goto((row.data as { url: string }).url);
    await page.waitForURL(/\/today$/);
    await page.getByRole("heading", { level: 1, name: "Today" }).waitFor();
  });
});
