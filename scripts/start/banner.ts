import type { Output } from "./output.ts";

export type BannerFacts = {
  appUrl: string;
  inboxUrl: string | undefined;
  healthUrl: string;
  postgres: string;
  redis: string;
  dataDir: string;
  /** On the embedded database the api creates demo accounts (apps/api/src/demo-data.ts). */
  demoAccounts: boolean;
};

/** The "it's up" message: where to go, what is in use, how to stop. */
export function printBanner(out: Output, facts: BannerFacts): void {
  const rows: Array<[string, string | undefined]> = [
    ["App", out.paint("1;32", facts.appUrl)],
    ["Mail catcher", facts.inboxUrl && `${facts.inboxUrl}  (every email the app sends)`],
    ["Health", facts.healthUrl],
    ["PostgreSQL", facts.postgres],
    ["Redis", facts.redis],
  ];
  const rule = out.paint("2", "─".repeat(72));
  out.block([
    "",
    rule,
    `  ${out.paint("1", "Tend is running")}`,
    ...rows.flatMap(([label, value]) => (value ? [`  ${label.padEnd(13)} ${value}`] : [])),
    ...(facts.demoAccounts
      ? [
          "",
          "  Demo sign-in (local database only), password tend-demo-2026:",
          "    therapist  demo-therapist@example.com",
          "    client     demo-client@example.com",
        ]
      : []),
    "",
    `  Ctrl-C stops everything; your data stays in ${facts.dataDir}/`,
    rule,
    "",
  ]);
}
