import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { reactAlias } from "./reactAlias";

// `@deployments` as in ../vite.config.ts: modules that read the deployment (lib/config.ts, and so
// the API client) load in tests too.
const deploymentsDir = fileURLToPath(new URL("../deployments/", import.meta.url));

export default defineConfig({
  resolve: { alias: [...reactAlias, { find: /^@deployments\//, replacement: deploymentsDir }] },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
