// Issue 15's "first hour without dead ends", in a real browser: what a visitor sees first, an ad
// that tells the truth about a click, a stale session, wrong numbers, and malformed share links.
import { latLngToCell } from "h3-js";
import type { Browser, Page } from "playwright-core";
import { createWalletClient, type Hex, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adMarketAbi } from "../../indexer/src/chain/abis";
import { anvilAccount } from "../../tools/localChain";
import { launchBrowser, shot, tracedPage } from "./support/browser";
import { type Stack, startStack } from "./support/stack";
import { becomeUser, waitDone } from "./support/users";

let stack: Stack;
let browser: Browser;
const PARIS = { lat: 48.8566, lng: 2.3522 };
const api = async <T>(path: string) => (await (await fetch(`${stack.indexerUrl}${path}`)).json()) as T;

beforeAll(async () => {
  stack = await startStack();
  // Not the default 60/30/10: what the app promises must come from the chain.
  const admin = createWalletClient({ account: anvilAccount(0), transport: http(stack.rpcUrl) });
  await admin.writeContract({
    chain: null,
    address: stack.deployment.AdMarket,
    abi: adMarketAbi,
    functionName: "setSplit",
    args: [5000, 4000, 1000],
  });
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** The map is up: its "load" event has fired, which adds the plot layers. */
const mapDrawn = (page: Page) =>
  page.evaluate(
    () =>
      !!(window as unknown as { hexadsMap?: { getLayer: (id: string) => unknown } }).hexadsMap?.getLayer(
        "cells-fill",
      ),
  );
/** Journeys of many transactions on a loaded machine. */
const LONG = 400_000;

// First: in the bundled single-process Chromium only the first context gets its geolocation.
it(
  "promises the viewer's true share, keeps the paid note, says when capped, and renews a stale session",
  async () => {
    const { context, page } = await tracedPage(browser, "click-paid", {
      geolocation: { latitude: PARIS.lat, longitude: PARIS.lng },
      permissions: ["geolocation"],
    });
    await page.goto(stack.webUrl);
    const viewer = privateKeyToAccount((await becomeUser(page, stack.webUrl)) as Hex).address.toLowerCase();
    // A session saved before the indexer was reset (npm run dev -- --reset): the indexer does not know it.
    await page.evaluate(
      ([key, value]) => localStorage.setItem(key as string, value as string),
      [
        `hexads.session:${viewer}`,
        JSON.stringify({
          id: "0123456789abcdef0123456789abcdef",
          viewer,
          expiresAt: Date.now() / 1000 + 86_400,
        }),
      ],
    );
    await page.getByRole("link", { name: "Earn" }).click();
    await page.getByRole("button", { name: "Use my location" }).click();
    await expect
      .poll(() => page.getByText(/Your earning session ended/).count(), { timeout: 20_000 })
      .toBe(1);
    await page.getByRole("button", { name: "Start earning" }).click();
    const ad = page.locator(".ad-card", { hasText: "Café Hexagone" });
    await expect.poll(() => ad.count(), { timeout: 20_000 }).toBe(1);
    // A 1 HXA click under a 50/40/10 split pays the viewer 0.5 HXA.
    expect(await ad.getByTestId("ad-reward").textContent()).toBe("Sponsored · you earn 0.5 HXA for a click");
    const landing = context.waitForEvent("page");
    await ad.getByRole("button", { name: /^Open / }).click();
    await (await landing).close();
    const note = ad.getByRole("status");
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toMatch(/^\+0\.5 HXA pending/);
    // The ads reload after the click; the note stays, and the ad now says a click would not pay.
    await expect
      .poll(() => ad.getByTestId("ad-reward").textContent(), { timeout: 15_000 })
      .toMatch(/you were paid for this ad in the last 24 h: it pays you again from \d\d:\d\d( tomorrow)?/);
    await page.waitForTimeout(2000);
    expect(await note.textContent()).toMatch(/^\+0\.5 HXA pending/);
    await shot(page, "31-click-paid");
  },
  LONG,
);

it(
  "tells a first-time visitor what HexAds and HXA are and what a plot costs, without a wallet",
  async () => {
    const { page } = await tracedPage(browser, "first-visit");
    await page.goto(stack.webUrl);
    await page.evaluate(() => localStorage.clear());
    await page.goto(stack.webUrl);
    const intro = page.getByRole("region", { name: /Own a piece of the map/ });
    await expect
      .poll(() => page.getByTestId("intro-price").textContent(), { timeout: 15_000 })
      .toBe("A free plot costs 10 HXA");
    expect(await intro.textContent()).toMatch(/HXA is the HexAds token/);
    expect(await page.getByTestId("intro-viewer-share").textContent()).toBe("50 %");
    expect(await page.getByRole("button", { name: "Connect wallet" }).count()).toBe(1);
    await shot(page, "32-first-visit");

    // "Browser wallet" with no extension installed says so in words.
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByRole("menuitem", { name: /Browser wallet/ }).click();
    await expect
      .poll(() => page.getByText(/No browser wallet was found/).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await page.getByText(/Provider not found|@wagmi/).count()).toBe(0);

    await intro.getByRole("button", { name: "Got it" }).click();
    await page.reload();
    await expect.poll(() => mapDrawn(page), { timeout: 30_000 }).toBe(true);
    expect(await intro.count()).toBe(0);
  },
  LONG,
);

it(
  "shows the numbers of a resale truly and refuses impossible prices and budgets before Create",
  async () => {
    const { page } = await tracedPage(browser, "wrong-numbers");
    const berlin = latLngToCell(52.52, 13.405, 7); // left free by the seed
    const link = `${stack.webUrl}/?at=52.52,13.405,12&cell=${berlin}`;
    await page.goto(stack.webUrl);
    await becomeUser(page, stack.webUrl);
    await page.goto(link);
    await page.getByRole("button", { name: /^Buy for 10 HXA/ }).click();
    await waitDone(page);

    const price = page.getByLabel("Price (HXA)");
    const note = page.getByTestId("list-price-note");
    const list = page.getByRole("button", { name: "List for sale" });
    await price.fill("1e30");
    await expect.poll(() => note.textContent()).toMatch(/plain number of HXA/);
    expect(await list.isDisabled()).toBe(true);
    await price.fill("79000000000");
    await expect
      .poll(() => note.textContent())
      .toBe("That is more than all the HXA there is (1,000,000,000 HXA).");
    expect(await list.isDisabled()).toBe(true);
    await price.fill("25");
    await expect
      .poll(() => note.textContent())
      .toBe("You receive 24.375 HXA when it sells: the market keeps a 2.5 % fee (0.625 HXA).");
    await shot(page, "33-listing-fee");
    await list.click();
    await page.getByRole("button", { name: "List for 25 HXA" }).click();
    await waitDone(page);

    await becomeUser(page, stack.webUrl);
    await page.goto(link);
    await page.getByRole("button", { name: /Buy from owner for 25 HXA/ }).click();
    await page.getByRole("button", { name: "Pay 25 HXA" }).click();
    await waitDone(page);
    await expect.poll(() => page.getByTestId("bought-for").textContent(), { timeout: 15_000 }).toBe("25 HXA");
    const sold = await api<{ boughtAt: number; history: { kind: string; timestamp: number }[] }>(
      `/plots/${berlin}`,
    );
    expect(sold.boughtAt).toBe(sold.history.find((h) => h.kind === "sale")?.timestamp);
    await page.getByRole("link", { name: "Portfolio" }).click();
    const row = page.getByRole("row", { name: new RegExp(berlin) });
    // The "Bought" column: the price paid, then the date and the listing state.
    await expect
      .poll(() => row.getByRole("cell").nth(1).locator("strong").textContent(), { timeout: 15_000 })
      .toBe("25 HXA");

    // The wizard checks the price per click against the chain's minimum and the budget against the
    // balance on the budget step, instead of failing at Create.
    await page.getByRole("link", { name: "Advertise" }).click();
    await page.getByRole("tab", { name: "Radius" }).click();
    await page.getByRole("combobox", { name: "Search a place or coordinates" }).fill("Lyon");
    await page.getByRole("option", { name: /^Lyon, France/ }).click();
    await expect.poll(() => page.getByTestId("area-summary").textContent()).toMatch(/plots covered/);
    await page.getByRole("button", { name: /Next: Creative/ }).click();
    await page.getByLabel("Title").fill("Hexagon bakery");
    await page.getByLabel("Landing page").fill("https://example.com/bakery");
    await page.getByRole("button", { name: /Next: Budget/ }).click();
    const next = page.getByRole("button", { name: /Next: Review/ });
    // The chain's minimum is stated where the price is typed, before anything is wrong.
    await expect.poll(() => page.getByTestId("cpc-min").textContent()).toBe("Minimum 0.01 HXA per click");
    await page.getByLabel("Price per click (HXA)").fill("0.001");
    await expect
      .poll(() => page.getByTestId("cpc-problem").textContent())
      .toBe("The price per click must be at least 0.01 HXA (the minimum on-chain).");
    expect(await next.isDisabled()).toBe(true);
    await page.getByLabel("Price per click (HXA)").fill("1");
    await page.getByLabel("Budget (HXA)").fill("100000000");
    await expect
      .poll(() => page.getByTestId("budget-problem").textContent())
      .toMatch(/^Your balance is [\d,.]+ HXA: lower the budget/);
    expect(await next.isDisabled()).toBe(true);
    await shot(page, "34-wizard-budget-check");
    await page.getByLabel("Budget (HXA)").fill("5");
    await expect.poll(() => next.isDisabled()).toBe(false);
  },
  LONG,
);

it(
  "explains every malformed share link and keeps the app working",
  async () => {
    const { page } = await tracedPage(browser, "share-links");
    const cases: [string, RegExp][] = [
      ["?cell=ffffffffffffff", /"ffffffffffffff" is not a plot id/],
      ["?cell=zzz", /"zzz" is not a plot id/],
      ["?at=999,999,99", /The link's place "999,999,99" is not latitude/],
      ["?at=48.85,2.35,12&cell=891fb46093bffff", /891fb46093bffff is a map cell of resolution 9/],
      ["?at=48.85,2.35,12&cell=871fb4609ffff", /"871fb4609ffff" is not a plot id/],
    ];
    for (const [query, message] of cases) {
      await page.goto(`${stack.webUrl}/${query}`);
      const notice = page.getByRole("status").filter({ hasText: "The link's" });
      await expect.poll(() => notice.textContent(), { timeout: 15_000 }).toMatch(message);
      await expect.poll(() => mapDrawn(page), { timeout: 30_000 }).toBe(true);
      expect(await page.getByLabel(/^Plot /).count()).toBe(0);
    }
    await shot(page, "30-bad-link");
    // The rest of the app still works: dismiss the note, search a city, open another page.
    await page.getByRole("button", { name: "OK" }).click();
    await page.getByRole("combobox", { name: "Search a place or coordinates" }).fill("Paris");
    await page.getByRole("option", { name: /^Paris, France/ }).click();
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/at=48\.8/);
    await page.getByRole("link", { name: "Earn" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Earn HXA" }).count()).toBe(1);
  },
  LONG,
);

it(
  "works at phone size by touch: menu, wallet, select mode, box-drag, bottom sheet, buying, Earn",
  async () => {
    const { context, page } = await tracedPage(browser, "phone", {
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    await page.goto(stack.webUrl);
    await page.evaluate(() => localStorage.clear());
    await page.goto(`${stack.webUrl}/?at=${PARIS.lat},${PARIS.lng},12`);
    // Nothing wider than the screen; Connect wallet and the menu are on it.
    const fits = async (name: string) => {
      const b = await page.getByRole("button", { name }).boundingBox();
      return !!b && b.x >= 0 && b.x + b.width <= 390;
    };
    await expect.poll(() => fits("Connect wallet"), { timeout: 30_000 }).toBe(true);
    expect(await fits("☰ Menu")).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "40-phone-first-visit");
    await page.getByRole("button", { name: "Got it" }).tap();

    await page.getByRole("button", { name: "Connect wallet" }).tap();
    await page.getByRole("menuitem", { name: /Local burner/ }).tap();
    await expect
      .poll(() => page.getByTestId("hxa-balance").textContent(), { timeout: 30_000 })
      .toMatch(/[1-9][\d,]* HXA/);

    // Select mode: taps add plots to the basket instead of opening them.
    const map = (await page.getByTestId("map").boundingBox()) as {
      x: number;
      y: number;
      width: number;
      height: number;
    };
    await page.getByRole("button", { name: /Select plots/ }).tap();
    await page.touchscreen.tap(map.x + 80, map.y + map.height - 160);
    await page.touchscreen.tap(map.x + map.width - 80, map.y + map.height - 160);
    await expect
      .poll(() => page.getByTestId("basket-count").textContent(), { timeout: 10_000 })
      .toMatch(/^[12]$/);
    await shot(page, "41-phone-select-mode");
    await page.getByRole("button", { name: "Clear" }).tap();
    await page.getByRole("button", { name: /Select plots/ }).tap();

    // Box-drag with a finger.
    await page.getByRole("button", { name: /Select area/ }).tap();
    const cdp = await context.newCDPSession(page);
    const touch = (type: string, x?: number, y?: number) =>
      cdp.send("Input.dispatchTouchEvent", {
        type,
        touchPoints: x === undefined || y === undefined ? [] : [{ x, y }],
      } as never);
    const cx = map.x + map.width / 2;
    const cy = map.y + map.height / 2;
    await touch("touchStart", cx - 120, cy - 100);
    for (let i = 1; i <= 8; i++) await touch("touchMove", cx - 120 + 30 * i, cy - 100 + 25 * i);
    await touch("touchEnd");
    const notice = page.getByRole("status").filter({ hasText: "added to the basket" });
    await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole("button", { name: "Clear" }).tap();

    // A tapped plot opens as a bottom sheet, and can be bought there.
    const centre = latLngToCell(PARIS.lat, PARIS.lng, 7); // the seed leaves the centre free
    await page.goto(`${stack.webUrl}/?at=${PARIS.lat},${PARIS.lng},12&cell=${centre}`);
    const sheet = page.getByLabel(`Plot ${centre}`);
    await expect.poll(() => sheet.count(), { timeout: 15_000 }).toBe(1);
    const box = (await sheet.boundingBox()) as { x: number; y: number; width: number; height: number };
    expect(box.width).toBe(390);
    expect(Math.round(box.y + box.height)).toBe(844);
    await page.getByRole("button", { name: /^Buy for 10 HXA/ }).tap();
    await waitDone(page);
    await expect.poll(() => sheet.locator(".state-chip").textContent(), { timeout: 15_000 }).toBe("Mine");
    await page.waitForTimeout(1500);
    await shot(page, "42-phone-bought");

    // The menu reaches every page; Portfolio lists the plot; Earn is one column.
    await page.getByRole("button", { name: "☰ Menu" }).tap();
    await shot(page, "43-phone-menu");
    await page.getByRole("link", { name: "Portfolio" }).tap();
    await expect.poll(() => page.getByTestId("portfolio-count").textContent(), { timeout: 15_000 }).toBe("1");
    await page.getByRole("button", { name: "☰ Menu" }).tap();
    await page.getByRole("link", { name: "Earn" }).tap();
    const cards = page.locator(".earn-grid > section");
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(3);
    for (let i = 0; i < 3; i++) {
      const b = (await cards.nth(i).boundingBox()) as { x: number; width: number };
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(390);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, "44-phone-earn", true);
  },
  LONG,
);
