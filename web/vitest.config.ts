import { defineConfig } from "vitest/config";
import { reactAlias } from "./reactAlias";

export default defineConfig({
  resolve: { alias: reactAlias },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
