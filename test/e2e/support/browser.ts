// Headless Chromium from npm (@sparticuz/chromium) driven by playwright-core: no browser download.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Chromium from "@sparticuz/chromium";
import { type Browser, chromium, type Page } from "playwright-core";
import { repoRoot } from "../../../tools/localChain";

export const screenshotDir = join(repoRoot, "test", "e2e", "screenshots");

export async function launchBrowser(): Promise<Browser> {
  // A project-local temp dir: the binary unpacks into TMPDIR/chromium with no version check.
  process.env.TMPDIR = join(repoRoot, ".tmp");
  mkdirSync(process.env.TMPDIR, { recursive: true });
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: await Chromium.executablePath(),
    args: Chromium.args,
    headless: true,
  });
}

export async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}
