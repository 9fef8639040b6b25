import { defineConfig } from "vitest/config";
import { coursePlugin } from "./miniapp/course-plugin.js";

/**
 * Tiers: unit and service tests beside the code, HTTP tests across parts, end-to-end in Chromium, and the soak
 * tests (several real processes, crashes, minutes each) last, so that the everyday tiers stay fast.
 */
export default defineConfig({
  test: {
    projects: [
      {
        // Mini app modules read the course from virtual:course-index, as in the build.
        plugins: [coursePlugin()],
        test: {
          name: "unit",
          include: ["shared/**/*.test.ts", "bot-server/**/*.test.ts", "miniapp/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "soak",
          include: ["tests/soak/**/*.test.ts"],
          environment: "node",
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
