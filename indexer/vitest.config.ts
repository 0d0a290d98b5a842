import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["./test/support/postgres.ts"],
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files start their own anvil and databases; two at a time suits a 2-core machine.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
