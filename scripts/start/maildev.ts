import path from "node:path";
import { StopOrder } from "./child.ts";
import type { Context } from "./context.ts";
import { fixedPorts } from "./env.ts";
import { StartError } from "./start-error.ts";
import { answersOk, waitUntil } from "./wait.ts";

export type MailInUse = {
  smtpUrl: string;
  /** The mail catcher's page, when we started it. */
  inboxUrl: string | undefined;
};

/** SMTP_URL when set; otherwise maildev on 127.0.0.1, which catches every email the app sends. */
export async function provideMail(ctx: Context): Promise<MailInUse> {
  const { config } = ctx;
  if (config.smtpUrl) return { smtpUrl: config.smtpUrl, inboxUrl: undefined };
  const { mailSmtp, mailWeb } = fixedPorts;
  ctx.out.say(
    `Starting the mail catcher (maildev): SMTP on 127.0.0.1:${mailSmtp}, inbox on :${mailWeb}…`,
  );
  const child = ctx.sup.start({
    tag: "mail",
    what: "mail catcher (maildev)",
    command: process.execPath,
    args: [
      path.join(ctx.repoRoot, "node_modules/.bin/maildev"),
      ...["--smtp", String(mailSmtp), "--ip", "127.0.0.1"],
      ...["--web", String(mailWeb), "--web-ip", "127.0.0.1"],
    ],
    cwd: ctx.repoRoot,
    env: config.inheritedEnv,
    // maildev has been seen ignoring SIGTERM; it holds nothing worth waiting for.
    graceMs: 2_000,
    stopRank: StopOrder.app,
  });
  const api = `http://127.0.0.1:${mailWeb}/api/email`;
  const up = await waitUntil(() => answersOk(api), { timeoutMs: 20_000, signal: ctx.sup.signal });
  if (!up) throw new StartError(`The mail catcher did not answer at ${api} within 20 s.`);
  child.ready = true;
  return { smtpUrl: `smtp://127.0.0.1:${mailSmtp}`, inboxUrl: `http://localhost:${mailWeb}` };
}
