// Headless Chromium from npm (@sparticuz/chromium) driven by playwright-core: no browser download.
// Kept apart from browser.ts (which hooks into vitest) so benchmarks can launch it too.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Chromium from "@sparticuz/chromium";
import { type Browser, chromium } from "playwright-core";
import { repoRoot } from "../../../tools/localChain";

/** The installed @sparticuz/chromium version (its package exports no package.json). */
const version = (
  JSON.parse(readFileSync(join(repoRoot, "node_modules/@sparticuz/chromium/package.json"), "utf8")) as {
    version: string;
  }
).version;

export async function launchBrowser(): Promise<Browser> {
  // A project-local temp dir per version: the binary unpacks into TMPDIR/chromium only if that file is
  // missing, with no version check, so another version would otherwise keep running the old binary.
  process.env.TMPDIR = join(repoRoot, ".tmp", `chromium-${version}`);
  mkdirSync(process.env.TMPDIR, { recursive: true });
  return chromium.launch({
    executablePath: await Chromium.executablePath(),
    args: Chromium.args,
    headless: true,
  });
}
