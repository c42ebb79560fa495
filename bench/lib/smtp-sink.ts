import { SMTPServer } from "smtp-server";
import { freePort } from "./env.ts";

export type Arrival = { id: string; at: number };

/** An SMTP sink that keeps only what the numbers need: each message's Message-ID and when it came. */
export async function startSmtpSink() {
  const arrivals: Arrival[] = [];
  // Kept as messages arrive, so the bench's wait loop does not rebuild it every 50 ms.
  const distinct = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    maxClients: 100,
    onData(stream, _session, callback) {
      let head = "";
      let inBody = false;
      stream.on("data", (chunk: Buffer) => {
        if (inBody) return;
        head += chunk.toString("latin1");
        const end = head.indexOf("\r\n\r\n");
        if (end >= 0) {
          head = head.slice(0, end);
          inBody = true;
        }
      });
      stream.on("end", () => {
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? "";
        arrivals.push({ id, at: performance.now() });
        distinct.add(id);
        callback();
      });
    },
  });
  server.on("error", () => undefined);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve()));
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrivals,
    /** Message-IDs received so far, each once. */
    distinct,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;
