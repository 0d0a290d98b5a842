// The browser for e2e tests: Chromium (./chromium.ts), screenshots, traced pages.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { expect, onTestFailed, onTestFinished } from "vitest";
import { repoRoot } from "../../../tools/localChain";
import { launchBrowser as launchChromium } from "./chromium";

export const screenshotDir = join(repoRoot, "test", "e2e", "screenshots");

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return launchChromium();
}

export async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage });
}

/**
 * A page in a new browser context (desktop size, fixed locale) that records a Playwright trace and
 * saves it as test/e2e/screenshots/<name>-trace.zip, with a last screenshot, if the running test fails
 * (open it with `npx playwright-core show-trace <file>`). An uncaught error in any of its pages fails
 * the test: every journey must run without one.
 */
export async function tracedPage(browser: Browser, name: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: "en-GB",
    ...options,
  });
  await context.tracing.start({ screenshots: true, snapshots: true });
  const page = await context.newPage();
  onTestFailed(async () => {
    await page.screenshot({ path: join(screenshotDir, `${name}-failed.png`) }).catch(() => {});
    await context.tracing.stop({ path: join(screenshotDir, `${name}-trace.zip`) });
  });
  const pageErrors: string[] = [];
  const watch = (p: Page) => p.on("pageerror", (e) => pageErrors.push(`${e.name}: ${e.message}`));
  watch(page);
  context.on("page", watch);
  onTestFinished(() => {
    expect(pageErrors, "uncaught errors in the page").toEqual([]);
  });
  return { context, page };
}
