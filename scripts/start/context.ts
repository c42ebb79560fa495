import type { Config } from "./env.ts";
import type { Output } from "./output.ts";
import type { Supervisor } from "./supervisor.ts";

/** What every startup step needs. */
export type Context = {
  config: Config;
  repoRoot: string;
  out: Output;
  sup: Supervisor;
};
