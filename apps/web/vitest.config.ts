import { defineProject } from "vitest/config";

export default defineProject({
  test: { name: "web", include: ["src/**/*.test.tsx", "src/**/*.test.ts"], environment: "jsdom" },
});
