import { defineProject } from "vitest/config";

// Browser tests: real Chromium (Debian package) against the built web app served by a real API process.
// `npm test` builds the web app first (turbo build), then runs these.
export default defineProject({
  test: {
    name: "e2e",
    include: ["**/*.e2e.test.ts"],
    environment: "node",
    globalSetup: ["../test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
