// Keyboard and screen readers (issue 15): the map, its plots, search suggestions and menus work
// from the keyboard, the map has zoom buttons, and axe-core finds no serious or critical WCAG
// violation on the main pages, at desktop and at phone size.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seriousViolations, type Violation } from "./support/axe";
import { launchBrowser, tracedPage } from "./support/browser";
import { type Stack, startStack } from "./support/stack";
import { becomeUser } from "./support/users";

let stack: Stack;
let browser: Browser;
const PARIS = { lat: 48.8566, lng: 2.3522 };

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

type TestMap = { getLayer: (id: string) => unknown; getZoom: () => number; isMoving: () => boolean };
/** The map is up: its "load" event has fired, which adds the plot layers. */
const mapDrawn = (page: Page) =>
  page.evaluate(() => !!(window as unknown as { hexadsMap?: TestMap }).hexadsMap?.getLayer("cells-fill"));
const zoom = (page: Page) =>
  page.evaluate(() => (window as unknown as { hexadsMap: TestMap }).hexadsMap.getZoom());
const moving = (page: Page) =>
  page.evaluate(() => (window as unknown as { hexadsMap: TestMap }).hexadsMap.isMoving());
const LONG = 400_000;

it(
  "is usable by keyboard, and axe finds no serious violation on the main pages",
  async () => {
    const { page } = await tracedPage(browser, "keyboard");
    await page.goto(stack.webUrl);
    await page.evaluate(() => localStorage.setItem("hexads.introSeen", "1"));
    await page.goto(`${stack.webUrl}/?at=${PARIS.lat},${PARIS.lng},12`);
    await expect.poll(() => mapDrawn(page), { timeout: 30_000 }).toBe(true);
    const problems: Record<string, Violation[]> = {};
    problems.map = await seriousViolations(page);

    // Zoom buttons on screen.
    const before = await zoom(page);
    await page.getByRole("button", { name: "Zoom in" }).click();
    await expect.poll(() => zoom(page), { timeout: 5_000 }).toBeGreaterThan(before + 0.5);
    await page.getByRole("button", { name: "Zoom out" }).click();
    await expect.poll(() => zoom(page), { timeout: 5_000 }).toBeLessThan(before + 0.5);
    await expect.poll(() => moving(page), { timeout: 15_000 }).toBe(false);

    // Search suggestions by arrow keys.
    const search = page.getByRole("combobox", { name: "Search a place or coordinates" });
    await search.fill("San");
    const options = page.getByRole("option");
    await expect.poll(() => options.count(), { timeout: 10_000 }).toBeGreaterThan(1);
    // The first suggestion is highlighted; ArrowDown moves to the second (Enter takes the highlighted one).
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => options.nth(1).getAttribute("aria-selected")).toBe("true");
    expect(await search.getAttribute("aria-activedescendant")).toBe(await options.nth(1).getAttribute("id"));
    const paris = page.url();
    await page.keyboard.press("Enter");
    await expect.poll(() => options.count()).toBe(0);
    // The map flies to the chosen city; the URL follows when it lands.
    await expect.poll(() => page.url(), { timeout: 15_000 }).not.toBe(paris);
    await expect.poll(() => moving(page), { timeout: 15_000 }).toBe(false);

    // The plot at the centre of the map, from the keyboard; Escape closes it.
    await page.getByRole("region", { name: /^Map:/ }).focus();
    await page.keyboard.press("Enter");
    const panel = page.getByLabel(/^Plot 8/);
    await expect.poll(() => panel.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("plot-place").textContent(), { timeout: 10_000 }).not.toBe("…");
    problems.panel = await seriousViolations(page);
    await page.keyboard.press("Escape");
    await expect.poll(() => panel.count()).toBe(0);

    // The wallet menu by arrow keys.
    await page.getByRole("button", { name: "Connect wallet" }).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowDown");
    // The first item takes the focus on the next frame.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute("role")))
      .toBe("menuitem");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("menu").count()).toBe(0);

    // Each main page once it shows its content.
    await becomeUser(page, stack.webUrl);
    Object.assign(problems, await mainPagesViolations(page));
    expect(problems).toEqual({
      map: [],
      panel: [],
      earn: [],
      advertise: [],
      campaigns: [],
      portfolio: [],
      forsale: [],
      economy: [],
    });
  },
  LONG,
);

/** axe's serious violations on each main page once it shows its content (what `ready` waits for). */
async function mainPagesViolations(page: Page): Promise<Record<string, Violation[]>> {
  const pages: [string, string, () => Promise<boolean>][] = [
    ["earn", "/earn", async () => (await page.getByRole("button", { name: "Use my location" }).count()) > 0],
    ["advertise", "/advertise", async () => (await page.getByTestId("area-summary").count()) > 0],
    [
      "campaigns",
      "/campaigns",
      async () => (await page.getByRole("heading", { name: "My campaigns" }).count()) > 0,
    ],
    ["portfolio", "/portfolio", async () => (await page.getByTestId("portfolio-count").count()) > 0],
    [
      "forsale",
      "/for-sale",
      async () => /for sale/.test((await page.getByTestId("listing-total").textContent()) ?? ""),
    ],
    ["economy", "/economy", async () => (await page.getByTestId("economy-flows").count()) > 0],
  ];
  const problems: Record<string, Violation[]> = {};
  for (const [name, path, ready] of pages) {
    await page.goto(`${stack.webUrl}${path}`);
    await expect.poll(ready, { timeout: 20_000 }).toBe(true);
    problems[name] = await seriousViolations(page);
  }
  return problems;
}

it(
  "at phone size (390x844, touch), axe finds no serious violation on the map and the main pages",
  async () => {
    const { page } = await tracedPage(browser, "a11y-phone", {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    await page.goto(stack.webUrl);
    await page.evaluate(() => localStorage.setItem("hexads.introSeen", "1"));
    await page.goto(`${stack.webUrl}/?at=${PARIS.lat},${PARIS.lng},12`);
    await expect.poll(() => mapDrawn(page), { timeout: 30_000 }).toBe(true);
    const problems: Record<string, Violation[]> = { map: await seriousViolations(page) };
    await becomeUser(page, stack.webUrl);
    Object.assign(problems, await mainPagesViolations(page));
    expect(problems).toEqual({
      map: [],
      earn: [],
      advertise: [],
      campaigns: [],
      portfolio: [],
      forsale: [],
      economy: [],
    });
  },
  LONG,
);
