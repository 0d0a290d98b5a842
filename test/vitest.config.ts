import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts", "test/tools/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 600_000,
    // One browser per process (it runs --single-process): e2e files run one at a time.
    fileParallelism: false,
  },
});
