import net from "node:net";
import type { Context } from "./context.ts";
import { fixedPorts } from "./env.ts";
import { StartError } from "./start-error.ts";

/** Fail fast, with one sentence, when a port we are about to listen on is taken. */
export async function assertPortsFree(ctx: Context): Promise<void> {
  const { config } = ctx;
  const wanted: Array<[number, string]> = [[config.port, "the api; set PORT to use another"]];
  if (!config.databaseUrl) {
    wanted.push([fixedPorts.embeddedPostgres, "the embedded PostgreSQL; or set DATABASE_URL"]);
  }
  if (!config.smtpUrl) {
    wanted.push([fixedPorts.mailSmtp, "the mail catcher; or set SMTP_URL"]);
    wanted.push([fixedPorts.mailWeb, "the mail catcher's inbox; or set SMTP_URL"]);
  }
  if (config.mode === "dev") wanted.push([fixedPorts.webDev, "the Vite dev server"]);
  const taken = await Promise.all(wanted.map(async ([port]) => isPortTaken(port)));
  const busy = wanted.filter((_, i) => taken[i]).map(([port, use]) => `${port} (${use})`);
  if (busy.length > 0) {
    throw new StartError(
      `Already in use: port ${busy.join(", port ")}. Is Tend already running in another terminal? Stop it and try again.`,
    );
  }
}

/** Does anything accept TCP connections on this local port (IPv4 or IPv6 loopback)? */
export async function isPortTaken(port: number): Promise<boolean> {
  const answers = await Promise.all(["127.0.0.1", "::1"].map((host) => accepts(host, port)));
  return answers.some(Boolean);
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (taken: boolean) => {
      socket.destroy();
      resolve(taken);
    };
    socket.setTimeout(500, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
