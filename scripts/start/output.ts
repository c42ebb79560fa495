import path from "node:path";
import type { Readable } from "node:stream";

/** Who a line of output comes from. */
export type Tag = "tend" | "build" | "api" | "worker" | "web" | "mail" | "redis" | "db";

const tagColours: Record<Tag, string> = {
  tend: "1",
  build: "2",
  api: "36",
  worker: "35",
  web: "32",
  mail: "33",
  redis: "31",
  db: "34",
};
const tagWidth = Math.max(...Object.keys(tagColours).map((t) => t.length + 2));

/** Line-oriented terminal output: every line carries a short coloured tag. */
export class Output {
  constructor(private readonly colour: boolean) {}

  paint(ansi: string, text: string): string {
    return this.colour ? `\x1b[${ansi}m${text}\x1b[0m` : text;
  }

  line(tag: Tag, text: string, stream: "out" | "err" = "out"): void {
    const label = `[${tag}]`;
    const prefix = `${this.paint(tagColours[tag], label)}${" ".repeat(tagWidth - label.length)}`;
    (stream === "err" ? process.stderr : process.stdout).write(`${prefix} ${text}\n`);
  }

  /** A message from the launcher itself. */
  say(text: string): void {
    this.line("tend", text);
  }

  problem(text: string): void {
    this.line("tend", this.paint("31", text), "err");
  }

  /** Copy a child's stream line by line, each line tagged. */
  pipe(tag: Tag, stream: Readable, to: "out" | "err"): void {
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (partial + chunk).split(/\r?\n/);
      partial = lines.pop() ?? "";
      for (const line of lines) if (line.trim()) this.line(tag, line, to);
    });
    stream.on("end", () => {
      if (partial.trim()) this.line(tag, partial, to);
      partial = "";
    });
  }

  /** Untagged lines, for the banner. */
  block(lines: string[]): void {
    process.stdout.write(`${lines.join("\n")}\n`);
  }
}

/** A URL fit for the terminal: the password replaced by ***. */
export function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

/** `dir` relative to the repository when it lives inside it (".data/postgres"), else absolute. */
export function displayPath(dir: string, repoRoot: string): string {
  const relative = path.relative(repoRoot, dir);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : dir;
}
