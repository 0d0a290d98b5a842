// Acting as a person in the browser: burner accounts, map clicks, waiting for transactions.
import { cellToLatLng } from "h3-js";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const KEY = "hexads.burnerKey";

/**
 * Becomes a burner account in `page`: a fresh one (funded by the faucet on first use) or, given
 * its key, an earlier one. One page serves every account: the bundled Chromium runs one process.
 */
export async function becomeUser(page: Page, webUrl: string, key?: string): Promise<string> {
  await page.evaluate(
    ([k, v]) => (v ? localStorage.setItem(k as string, v) : localStorage.removeItem(k as string)),
    [KEY, key],
  );
  await page.goto(webUrl);
  // The wallet code loads after the first paint: wait until it shows either state.
  const connect = page.getByRole("button", { name: "Connect wallet" });
  const balance = page.getByTestId("hxa-balance");
  await connect.or(balance).first().waitFor({ timeout: 30_000 });
  if (await connect.isVisible()) {
    await connect.click();
    await page.getByRole("menuitem", { name: /Local burner/ }).click();
  }
  await expect
    .poll(async () => page.getByTestId("hxa-balance").textContent(), { timeout: 30_000 })
    .toMatch(/[1-9][\d,]* HXA/);
  return (await page.evaluate((k) => localStorage.getItem(k), KEY)) as string;
}

/** Where a cell's centre is on screen, from the live map. */
export async function cellPixel(page: Page, cell: string) {
  return page.evaluate((c) => {
    type ProjectingMap = { project: (p: [number, number]) => { x: number; y: number } };
    const m = (window as unknown as { hexadsMap: ProjectingMap }).hexadsMap;
    const [lat, lng] = c;
    return m.project([lng, lat]);
  }, cellToLatLng(cell));
}

export async function clickCell(page: Page, cell: string, shift = false) {
  const { x, y } = await cellPixel(page, cell);
  const box = await page.getByTestId("map").boundingBox();
  if (shift) await page.keyboard.down("Shift");
  await page.mouse.click((box?.x ?? 0) + x, (box?.y ?? 0) + y);
  if (shift) await page.keyboard.up("Shift");
}

/** Waits until the transaction shown in `where` (the plot panel or the basket) is indexed. */
export async function waitDone(page: Page, where: "Basket" | RegExp = /^Plot /) {
  const status = page.getByLabel(where).getByRole("status");
  await expect
    .poll(async () => (await status.allTextContents()).join(" "), { timeout: 60_000 })
    .toMatch(/Done\./);
}
