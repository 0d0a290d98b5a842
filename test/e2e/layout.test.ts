// Layout at desktop and phone size (390x844, touch): the map's floating parts (welcome card, plot
// panel, zoom buttons, legend, basket) never cover one another, and no page scrolls sideways.
import { gridDisk, latLngToCell } from "h3-js";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { seriousViolations, type Violation } from "./support/axe";
import { launchBrowser, shot, tracedPage } from "./support/browser";
import { type Stack, startStack } from "./support/stack";
import { becomeUser, cellPixel, waitDone } from "./support/users";

let stack: Stack;
let browser: Browser;
const TOKYO = { lat: 35.6762, lng: 139.6503 };
const PLOT = latLngToCell(TOKYO.lat, TOKYO.lng, 7); // left free by the seed
const plotUrl = (cell?: string) =>
  `${stack.webUrl}/?at=${TOKYO.lat},${TOKYO.lng},12${cell ? `&cell=${cell}` : ""}`;
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
const LONG = 400_000;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Whether both are on screen and their boxes share any area. */
async function overlap(a: Locator, b: Locator) {
  if (!(await a.isVisible()) || !(await b.isVisible())) return false;
  const [x, y] = [await a.boundingBox(), await b.boundingBox()];
  if (!x || !y) return false;
  return x.x < y.x + y.width && y.x < x.x + x.width && x.y < y.y + y.height && y.y < x.y + x.height;
}

/**
 * Visible elements that reach past the right edge of a 390 px screen (even inside a sideways
 * scroller), but for map markers, which the map clips.
 */
const pastRightEdge = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("body *"))
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.right > 390.5 && !e.closest(".maplibregl-map");
      })
      .map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join(".")}`)
      .slice(0, 5),
  );

const zoomIn = (page: Page) => page.getByRole("button", { name: "Zoom in" });
const zoom = (page: Page) =>
  page.evaluate(() => (window as unknown as { hexadsMap: { getZoom: () => number } }).hexadsMap.getZoom());

it(
  "on desktop the zoom buttons stay usable beside an open plot panel",
  async () => {
    const { page } = await tracedPage(browser, "layout-desktop");
    await page.goto(stack.webUrl);
    await page.evaluate(() => localStorage.setItem("hexads.introSeen", "1"));
    await page.goto(plotUrl(PLOT));
    const panel = page.getByLabel(`Plot ${PLOT}`);
    await expect.poll(() => panel.count(), { timeout: 30_000 }).toBe(1);
    await zoomIn(page).waitFor();
    await shot(page, "70-desktop-panel-zoom");
    expect(await overlap(zoomIn(page), panel)).toBe(false);
    const before = await zoom(page);
    await zoomIn(page).click({ timeout: 5_000 });
    await expect.poll(() => zoom(page), { timeout: 5_000 }).toBeGreaterThan(before + 0.5);
  },
  LONG,
);

it(
  "on a phone the welcome card, plot panel, legend and basket never overlap, and no page scrolls sideways",
  async () => {
    const { page } = await tracedPage(browser, "layout-phone", PHONE);
    await page.goto(stack.webUrl);
    await becomeUser(page, stack.webUrl);
    await page.evaluate(() => localStorage.removeItem("hexads.introSeen"));
    const intro = page.getByRole("region", { name: /Own a piece of the map/ });
    const legend = page.getByRole("region", { name: "Map legend" });
    const panel = page.getByLabel(`Plot ${PLOT}`);

    // 1. The welcome card gets out of the way of an open plot panel, and comes back when it closes.
    await page.goto(plotUrl(PLOT));
    await expect.poll(() => panel.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId("plot-place").textContent(), { timeout: 15_000 }).not.toBe("…");
    await shot(page, "71-phone-panel-first-visit");
    expect(await overlap(intro, panel)).toBe(false);
    expect(await overlap(legend, panel)).toBe(false);
    await panel.getByRole("button", { name: /^Buy for 10 HXA/ }).tap();
    await waitDone(page);
    await panel.getByRole("button", { name: "Close plot panel" }).tap();
    await expect.poll(() => intro.isVisible()).toBe(true);
    await shot(page, "72-phone-intro");
    await intro.getByRole("button", { name: "Got it" }).tap();

    // 4. The basket and the legend share the bottom of the screen without covering each other.
    await page.getByRole("button", { name: /Select plots/ }).tap();
    const map = (await page.getByTestId("map").boundingBox()) as { x: number; y: number };
    let picked = 0;
    for (const c of gridDisk(PLOT, 2).filter((c) => c !== PLOT)) {
      const p = await cellPixel(page, c);
      if (picked < 3 && p.x > 60 && p.x < 330 && p.y > 250 && p.y < 500) {
        await page.touchscreen.tap(map.x + p.x, map.y + p.y);
        picked++;
      }
    }
    expect(picked).toBe(3);
    await expect.poll(() => page.getByTestId("basket-count").textContent()).toBe("3");
    const basket = page.getByRole("region", { name: "Basket" });
    await shot(page, "73-phone-basket-legend");
    expect(await legend.isVisible()).toBe(true);
    expect(await overlap(basket, legend)).toBe(false);
    const problems: Record<string, Violation[]> = { basket: await seriousViolations(page) };

    // 2. The portfolio's plots fit the screen, every column of them.
    await page.goto(`${stack.webUrl}/portfolio`);
    await expect.poll(() => page.getByTestId("portfolio-count").textContent(), { timeout: 30_000 }).toBe("1");
    const plots = page.getByRole("table", { name: "My plots" });
    await expect.poll(() => plots.textContent()).toMatch(/10 HXA/);
    await plots.scrollIntoViewIfNeeded();
    await shot(page, "74-phone-portfolio");
    const wide: Record<string, string[]> = { portfolio: await pastRightEdge(page) };
    problems.portfolio = await seriousViolations(page);
    expect(problems).toEqual({ basket: [], portfolio: [] });

    // Every other main page, once it shows its content.
    const pages: [string, () => Locator][] = [
      ["earn", () => page.getByRole("button", { name: "Use my location" })],
      ["advertise", () => page.getByTestId("area-summary")],
      ["campaigns", () => page.getByRole("heading", { name: "My campaigns" })],
      ["economy", () => page.getByTestId("economy-flows")],
    ];
    for (const [name, ready] of pages) {
      await page.goto(`${stack.webUrl}/${name}`);
      await ready().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(1000);
      await shot(page, `75-phone-${name}`, true);
      wide[name] = await pastRightEdge(page);
    }
    // The area step's place search keeps a usable width beside the radius slider.
    await page.goto(`${stack.webUrl}/advertise`);
    const search = page.getByRole("combobox", { name: "Search a place or coordinates" });
    expect((await search.boundingBox())?.width).toBeGreaterThan(200);
    expect(wide).toEqual({ portfolio: [], earn: [], advertise: [], campaigns: [], economy: [] });
    expect(await page.evaluate(() => document.scrollingElement?.scrollWidth)).toBeLessThanOrEqual(390);
  },
  LONG,
);
