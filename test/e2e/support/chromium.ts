// Headless Chromium from npm (@sparticuz/chromium) driven by playwright-core: no browser download.
// Kept apart from browser.ts (which hooks into vitest) so benchmarks can launch it too.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Chromium from "@sparticuz/chromium";
import { type Browser, chromium } from "playwright-core";
import { repoRoot } from "../../../tools/localChain";

export async function launchBrowser(): Promise<Browser> {
  // A project-local temp dir: the binary unpacks into TMPDIR/chromium with no version check.
  process.env.TMPDIR = join(repoRoot, ".tmp");
  mkdirSync(process.env.TMPDIR, { recursive: true });
  return chromium.launch({
    executablePath: await Chromium.executablePath(),
    args: Chromium.args,
    headless: true,
  });
}
