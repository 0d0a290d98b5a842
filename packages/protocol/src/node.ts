// Node-only helpers (file system): the browser bundles deployment files at build time instead.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Deployment, parseDeployment } from "./deployment.js";

/** Reads and checks `<dir>/<chainId>.json`, the file the deploy script writes. */
export function readDeployment(dir: string, chainId: number): Deployment {
  const file = join(dir, `${chainId}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new Error(`Cannot read deployment ${file}: deploy the contracts first (npm run deploy)`, { cause });
  }
  return parseDeployment(raw);
}
