// Builds the web app (web/). The dev server also serves deployments/<chainId>.json through the
// `import.meta.glob` in web/src/lib/config.ts, so addresses always come from the deploy script.

import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { reactAlias } from "./web/reactAlias";

export default defineConfig({
  root: fileURLToPath(new URL("./web", import.meta.url)),
  plugins: [react()],
  resolve: { alias: reactAlias },
  server: { fs: { allow: [".."] } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The map chunk is MapLibre (about 1 MB minified, its worker included) plus h3-js.
    chunkSizeWarningLimit: 1400,
  },
});
