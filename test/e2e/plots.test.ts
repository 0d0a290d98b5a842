// Issue 6's "done when", in a real browser: see the world, zoom to a city, buy one plot and then
// ten at once, list one, buy it from another burner account, and see it all in the portfolio.
import { gridDisk, latLngToCell } from "h3-js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, shot } from "./support/browser";
import { type Stack, startStack } from "./support/stack";

let stack: Stack;
let browser: Browser;
const PARIS = latLngToCell(48.8566, 2.3522, 7);

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newUser(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  page.on("console", (m) => m.type() === "error" && console.error("console:", m.text()));
  await page.goto(stack.webUrl);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("menuitem", { name: /Local burner/ }).click();
  // The burner is funded by the dev faucet on first use.
  await expect
    .poll(async () => page.getByTestId("hxa-balance").textContent(), { timeout: 30_000 })
    .toMatch(/10,000 HXA/)
    .catch(async (e) => {
      await shot(page, "failed-funding");
      throw e;
    });
  return page;
}

async function clickCell(page: Page, cell: string, shift = false) {
  const { x, y } = await page.evaluate((c) => {
    const m = (window as unknown as { hexadsMap: { project: (p: [number, number]) => { x: number; y: number } } }).hexadsMap;
    const [lat, lng] = c;
    return m.project([lng, lat]);
  }, (await import("h3-js")).cellToLatLng(cell));
  const box = await page.getByTestId("map").boundingBox();
  await page.mouse.click((box?.x ?? 0) + x, (box?.y ?? 0) + y, shift ? { modifiers: ["Shift"] } : undefined);
}

async function waitDone(page: Page) {
  await expect.poll(async () => (await page.getByRole("status").allTextContents()).join(" "), { timeout: 60_000 }).toMatch(/Done\./);
}

it("buys one plot, then ten at once, lists one, sells it to another account, shows both portfolios", async () => {
  const alice = await newUser();
  await alice.waitForTimeout(1500);
  await shot(alice, "01-world");

  await alice.getByLabel("Search a city or lat, lng").fill("Paris");
  await alice.keyboard.press("Enter");
  await expect.poll(() => alice.url(), { timeout: 10_000 }).toMatch(/at=48\.8/);
  await alice.waitForTimeout(2000);
  await shot(alice, "02-paris");

  await clickCell(alice, PARIS);
  await alice.getByRole("button", { name: /^Buy for 10 HXA/ }).click();
  await waitDone(alice);
  await shot(alice, "03-bought-one");
  await alice.getByRole("button", { name: "Close plot panel" }).click();

  const ring = gridDisk(PARIS, 4).filter((c) => !gridDisk(PARIS, 2).includes(c)).slice(0, 10);
  for (const c of ring) await clickCell(alice, c, true);
  await expect(alice.getByTestId("basket-count").textContent()).resolves.toBe("10");
  await shot(alice, "04-basket");
  await alice.getByRole("button", { name: "Buy all in one transaction" }).click();
  await waitDone(alice);
  await shot(alice, "05-bought-ten");

  await clickCell(alice, ring[0] as string);
  await alice.getByLabel("Price (HXA)").fill("25");
  await alice.getByRole("button", { name: "List for sale" }).click();
  await waitDone(alice);
  await shot(alice, "06-listed");

  const bob = await newUser();
  await bob.goto(`${stack.webUrl}/?at=48.8566,2.3522,13&cell=${ring[0]}`);
  await bob.getByRole("button", { name: "Connect wallet" }).click().catch(() => undefined);
  await bob.getByRole("button", { name: /Buy from owner for 25 HXA/ }).click();
  await waitDone(bob);
  await shot(bob, "07-bought-listed");

  await bob.getByRole("link", { name: "Portfolio" }).click();
  await expect.poll(() => bob.getByTestId("portfolio-count").textContent(), { timeout: 15_000 }).toBe("1");
  await bob.waitForTimeout(1500);
  await shot(bob, "08-portfolio-buyer");

  await alice.getByRole("link", { name: "Portfolio" }).click();
  await expect.poll(() => alice.getByTestId("portfolio-count").textContent(), { timeout: 15_000 }).toBe("10");
  await alice.waitForTimeout(1500);
  await shot(alice, "09-portfolio-seller");
});
