// Builds the web app (web/). The dev server also serves deployments/<chainId>.json through the
// `import.meta.glob` in web/src/lib/config.ts, so addresses always come from the deploy script.
// DEPLOYMENTS_DIR (as for the indexer) points the build at another folder of deployment files.

import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { reactAlias } from "./web/reactAlias";

const repoRoot = fileURLToPath(new URL(".", import.meta.url));
const deploymentsDir = resolve(repoRoot, process.env.DEPLOYMENTS_DIR ?? "deployments");

export default defineConfig({
  root: resolve(repoRoot, "web"),
  plugins: [react()],
  resolve: { alias: [...reactAlias, { find: /^@deployments\//, replacement: `${deploymentsDir}/` }] },
  server: { fs: { allow: [".."] } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The map chunk is MapLibre (about 1 MB minified, its worker included) plus h3-js.
    chunkSizeWarningLimit: 1400,
  },
});
