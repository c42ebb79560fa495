import { defineConfig } from "vitest/config";

// One run for the whole repository: `npm test` → `vitest run`.
// Each workspace keeps its own vitest.config.ts; e2e/ drives Chromium against the built app.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "e2e"],
  },
});
