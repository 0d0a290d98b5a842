// Issue 19's campaign tools, in a real browser: the wizard's budget step sets a daily budget and a
// weekly schedule (UTC) that the review, the chain (setDelivery) and the dashboard show; then the
// advertiser edits the ad on the dashboard (updateCreative) and the dashboard and the indexer serve
// the new one. Driven at desktop size, with the budget step and the dashboard checked at 390×844.

import { parseCreative } from "@hexads/protocol";
import type { Browser, Page } from "playwright-core";
import { parseEther } from "viem";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, shot, tracedPage } from "./support/browser";
import { type Stack, startStack } from "./support/stack";
import { becomeUser } from "./support/users";

let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

interface CampaignJson {
  id: string;
  creativeUri: string;
  creativeUpdatedAt: number | null;
  delivery: { dailyBudget: string; daysMask: number; hoursMask: number; schedule: string };
}
const campaigns = async () =>
  ((await (await fetch(`${stack.indexerUrl}/campaigns`)).json()) as { campaigns: CampaignJson[] }).campaigns;

/** The page fits a phone's width: nothing scrolls sideways. */
async function fitsPhone(page: Page, name: string) {
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, name, true);
  await page.setViewportSize({ width: 1400, height: 900 });
}

it("sets a daily budget and a schedule in the wizard, shows them, and edits the ad after launch", async () => {
  const { context, page } = await tracedPage(browser, "campaigntools");
  await page.goto(stack.webUrl);
  await becomeUser(page, stack.webUrl);
  await page.getByRole("link", { name: "Advertise" }).click();
  await page.getByRole("tab", { name: "Radius" }).click();
  await page.getByRole("combobox", { name: "Search a place or coordinates" }).fill("Lyon");
  await page.getByRole("option", { name: /^Lyon, France/ }).click();
  await expect
    .poll(() => page.getByTestId("area-summary").textContent(), { timeout: 10_000 })
    .toMatch(/plots covered/);
  await page.getByRole("button", { name: /Next: Creative/ }).click();
  await page.getByLabel("Title").fill("Traboule tours at noon");
  await page.getByLabel("Landing page").fill("https://example.com/traboules");
  await page.getByRole("button", { name: /Next: Budget/ }).click();
  await page.getByLabel("Price per click (HXA)").fill("1");
  await page.getByLabel("Budget (HXA)").fill("20");

  // A day's budget below one click is refused where it is typed; 3 HXA buys 3 clicks a day.
  const next = page.getByRole("button", { name: /Next: Review/ });
  await page.getByLabel(/^Daily budget/).fill("0.5");
  await expect.poll(() => page.getByTestId("daily-problem").textContent()).toMatch(/at least one click/);
  expect(await next.isDisabled()).toBe(true);
  await page.getByLabel(/^Daily budget/).fill("3");
  await expect
    .poll(() => page.getByTestId("estimate").textContent())
    .toMatch(/pays for 20 clicks, at most 3 a day/);
  // Weekdays only, 09:00-17:00 UTC; no day at all is refused.
  for (const day of ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"])
    await page.getByLabel(day, { exact: true }).uncheck();
  await expect.poll(() => page.getByTestId("schedule-problem").textContent()).toBe("Pick at least one day.");
  expect(await next.isDisabled()).toBe(true);
  for (const day of ["Mon", "Tue", "Wed", "Thu", "Fri"]) await page.getByLabel(day, { exact: true }).check();
  await page.getByLabel("From").selectOption("9");
  await page.getByLabel("Until").selectOption("17");
  await shot(page, "campaigntools-1-budget");
  await fitsPhone(page, "campaigntools-1b-budget-phone");
  await next.click();
  expect(await page.getByTestId("review-daily").textContent()).toBe("3 HXA");
  expect(await page.getByTestId("review-schedule").textContent()).toBe("Mon–Fri, 09:00–17:00 UTC");
  await shot(page, "campaigntools-2-review");
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect.poll(() => page.url(), { timeout: 90_000 }).toMatch(/\/campaigns$/);

  // On-chain (setDelivery, indexed) as the wizard said.
  await expect
    .poll(async () => (await campaigns())[0]?.delivery, { timeout: 30_000 })
    .toEqual({
      dailyBudget: parseEther("3").toString(),
      daysMask: 0b0111110,
      hoursMask: 0xff << 9,
      schedule: "Mon–Fri, 09:00–17:00 UTC",
    });
  await page.locator(".campaign-head", { hasText: "Traboule tours" }).click();
  await expect
    .poll(() => page.getByTestId("campaign-delivery").textContent(), { timeout: 15_000 })
    .toBe("3 HXA a day (0 HXA spent today) · Mon–Fri, 09:00–17:00 UTC");

  // Edit the ad after launch.
  await page.getByRole("button", { name: "Edit ad" }).click();
  const form = page.getByRole("form", { name: "Edit ad" });
  expect(await form.getByLabel("Title").inputValue()).toBe("Traboule tours at noon");
  await form.getByLabel("Title").fill("");
  expect(await form.getByRole("button", { name: "Save ad" }).isDisabled()).toBe(true);
  await form.getByLabel("Title").fill("Traboule tours by night");
  await form.getByLabel("Text").fill("Lanterns included.");
  await shot(page, "campaigntools-3-edit-ad", true);
  await form.getByRole("button", { name: "Save ad" }).click();
  const overview = page.locator(".campaign-overview");
  await expect
    .poll(() => overview.locator(".ad-card .ad-title").textContent(), { timeout: 60_000 })
    .toBe("Traboule tours by night");
  await expect.poll(() => form.count(), { timeout: 30_000 }).toBe(0);
  await expect.poll(() => page.getByTestId("creative-updated").count()).toBe(1);
  const [edited] = await campaigns();
  expect(parseCreative(edited?.creativeUri ?? "")).toMatchObject({
    title: "Traboule tours by night",
    body: "Lanterns included.",
    landingUrl: "https://example.com/traboules",
  });
  expect(edited?.creativeUpdatedAt).toEqual(expect.any(Number));
  await page.waitForTimeout(1000);
  await shot(page, "campaigntools-4-dashboard", true);
  await fitsPhone(page, "campaigntools-4b-dashboard-phone");
  await context.close();
}, 300_000);
