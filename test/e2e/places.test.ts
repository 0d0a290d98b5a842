// Issue 18's "done when" for places, in a real browser: a plot found by searching "eiffel tower" or
// "sao paulo" shows its place name; coordinates out of range and nonsense get a clear message.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, shot, tracedPage } from "./support/browser";
import { type Stack, startStack } from "./support/stack";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const search = (page: Page) => page.getByRole("combobox", { name: "Search a place or coordinates" });

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
