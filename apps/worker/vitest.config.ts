import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "worker",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
    globalSetup: ["../../test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
