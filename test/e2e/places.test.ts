// Issue 18's "done when" for places, in a real browser: a plot found by searching "eiffel tower" or
// "sao paulo" shows its place name; coordinates out of range and nonsense get a clear message; the
// street basemap renders from a local tile server and the offline basemap takes over when that
// server is down.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type BasemapFixture, FIXTURE_STYLE, startBasemapFixture } from "../../tools/basemapFixture";
import { launchBrowser, shot, tracedPage } from "./support/browser";
import { type Stack, startStack } from "./support/stack";

let fixture: BasemapFixture;
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  fixture = await startBasemapFixture();
  // The fallback timer is set far out of reach: under load the street style may take long to settle,
  // and the fallback test below stops the server, whose failed requests switch the basemap at once.
  stack = await startStack({ mapStyleUrl: fixture.styleUrl, mapFallbackSeconds: 600 });
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await fixture?.stop();
});

const search = (page: Page) => page.getByRole("combobox", { name: "Search a place or coordinates" });
const basemap = (page: Page) => page.getByTestId("map").getAttribute("data-basemap");
const styleName = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { hexadsMap: { getStyle(): { name?: string } } }).hexadsMap.getStyle().name,
  );
const overlayOn = (page: Page) =>
  page.evaluate(
    () =>
      (window as unknown as { hexadsMap: { getLayer(id: string): unknown } }).hexadsMap.getLayer(
        "cells-fill",
      ) !== undefined,
  );

it("renders the street style from the tile server, with the overlay on top", async () => {
  const { page } = await tracedPage(browser, "places-street");
  await page.goto(`${stack.webUrl}/?at=48.8566,2.3300,13`);
  // "street" is set once the style, its tiles and the overlay have settled (the map's first idle).
  await expect.poll(() => basemap(page), { timeout: 60_000 }).toBe("street");
  expect(await styleName(page)).toBe(FIXTURE_STYLE.name);
  expect(await overlayOn(page)).toBe(true);
  expect(fixture.tilesServed()).toBeGreaterThan(0);
  // The fixture's orange streets are drawn: count orange pixels on the map canvas.
  const orange = await page.evaluate(() => {
    const c = document.querySelector("[data-testid=map] canvas") as HTMLCanvasElement;
    const g = document.createElement("canvas");
    g.width = c.width;
    g.height = c.height;
    const ctx = g.getContext("2d") as CanvasRenderingContext2D;
    ctx.drawImage(c, 0, 0);
    const px = ctx.getImageData(0, 0, g.width, g.height).data;
    let n = 0;
    for (let i = 0; i < px.length; i += 4) {
      const [r, g, b] = [px[i] as number, px[i + 1] as number, px[i + 2] as number];
      if (r > 220 && g > 90 && g < 160 && b < 60) n++;
    }
    return n;
  });
  expect(orange).toBeGreaterThan(1000);
  await expect.poll(() => page.getByText("Test streets © HexAds fixtures").count()).toBeGreaterThan(0);
  await shot(page, "30-street-basemap");
});

it("finds the Eiffel Tower and names its plot; finds São Paulo typed without its accent", async () => {
  const { page } = await tracedPage(browser, "places-search");
  await page.goto(stack.webUrl);
  await search(page).fill("eiffel tower");
  const eiffel = page.getByRole("option", { name: /^Eiffel Tower, Paris, France/ });
  await expect.poll(() => eiffel.count(), { timeout: 10_000 }).toBe(1);
  await shot(page, "31-search-eiffel");
  await search(page).press("Enter");
  await expect
    .poll(() => page.getByTestId("plot-place").textContent(), { timeout: 15_000 })
    .toBe("Paris, France");
  await shot(page, "32-eiffel-plot");
  await page.getByRole("button", { name: "Close plot panel" }).click();

  await search(page).fill("sao paulo");
  await expect
    .poll(() => page.getByRole("option", { name: /^São Paulo, Brazil/ }).count(), { timeout: 10_000 })
    .toBe(1);
  // Arrow keys move through the suggestions; Enter takes the highlighted one.
  await search(page).press("ArrowDown");
  await search(page).press("ArrowUp");
  await search(page).press("Enter");
  // The plot at the centre of the map, from the keyboard, once the fly-to has landed at zoom 12.
  await expect
    .poll(() => decodeURIComponent(page.url()), { timeout: 15_000 })
    .toMatch(/at=-23\.5\d*,-46\.6\d*,12\.00/);
  await page.getByRole("region", { name: /^Map:/ }).focus();
  await page.keyboard.press("Enter");
  await expect
    .poll(() => page.getByTestId("plot-place").textContent(), { timeout: 15_000 })
    .toBe("São Paulo, Brazil");
  await shot(page, "33-sao-paulo-plot");
});

it("explains coordinates off the globe and searches with no result, on a phone", async () => {
  const { page } = await tracedPage(browser, "places-messages", { viewport: { width: 390, height: 844 } });
  await page.goto(stack.webUrl);
  await search(page).fill("91, 200");
  const status = page.getByRole("status").filter({ hasText: "Not a place on Earth" });
  await expect.poll(() => status.textContent()).toMatch(/latitude 91 is outside -90 to 90 and longitude 200/);
  await shot(page, "34-search-off-globe-phone");
  await search(page).fill("48°51'30\"N 2°17'40\"E");
  await expect.poll(() => page.getByRole("option", { name: /^48\.858333, 2\.294444/ }).count()).toBe(1);
  await search(page).fill("zzqqxxv");
  await expect
    .poll(() => page.getByRole("status").filter({ hasText: "No place found" }).count(), { timeout: 10_000 })
    .toBe(1);
  await shot(page, "34-search-no-results-phone");
});

it("falls back to the offline basemap when the tile server is down, on a phone", async () => {
  await fixture.stop();
  const { page } = await tracedPage(browser, "places-fallback", { viewport: { width: 390, height: 844 } });
  await page.goto(`${stack.webUrl}/?at=48.8566,2.3300,11`);
  await expect.poll(() => basemap(page), { timeout: 30_000 }).toBe("offline");
  expect(await styleName(page)).toBe("HexAds offline");
  // The overlay came along to the new style.
  await expect.poll(() => overlayOn(page), { timeout: 10_000 }).toBe(true);
  await shot(page, "35-offline-fallback-phone");
});
