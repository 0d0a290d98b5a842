// Issue 6's "done when", in a real browser: see the world, zoom to a city, buy one plot and then
// ten at once, list one, buy it from another burner account, and see it all in the portfolio.
import { gridDisk, latLngToCell } from "h3-js";
import type { Browser } from "playwright-core";
import { createWalletClient, type Hex, http, parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hexTokenAbi } from "../../indexer/src/chain/abis";
import { anvilAccount } from "../../tools/localChain";
import { launchBrowser, shot, tracedPage } from "./support/browser";
import { installInjectedWallet } from "./support/injectedWallet";
import { type Stack, startStack } from "./support/stack";
import { becomeUser, cellPixel, clickCell, waitDone } from "./support/users";

let stack: Stack;
let browser: Browser;
const PARIS = latLngToCell(48.8566, 2.3522, 7);
const api = async <T>(path: string) => (await (await fetch(`${stack.indexerUrl}${path}`)).json()) as T;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

// First: in the bundled single-process Chromium only the first context gets its geolocation.
it("flies to the user's own location, then adds every free plot in a dragged box to the basket", async () => {
  const LONDON = { latitude: 51.5072, longitude: -0.1276 };
  const { page } = await tracedPage(browser, "map-tools", {
    geolocation: LONDON,
    permissions: ["geolocation"],
  });
  await page.goto(stack.webUrl);
  await becomeUser(page, stack.webUrl);
  await page.getByRole("button", { name: /My location/ }).click();
  const here = latLngToCell(LONDON.latitude, LONDON.longitude, 7);
  await expect.poll(() => page.getByLabel(`Plot ${here}`).count(), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => page.url()).toContain(`cell=${here}`);
  await page.getByRole("button", { name: "Close plot panel" }).click();
  await page.waitForTimeout(2500); // the fly-to animation

  // A box around the screen centre: London's centre plot is left free by the seed, so at least it.
  await page.getByRole("button", { name: /Select area/ }).click();
  const map = (await page.getByTestId("map").boundingBox()) as {
    x: number;
    y: number;
    width: number;
    height: number;
  };
  const cx = map.x + map.width / 2;
  const cy = map.y + map.height / 2;
  await page.mouse.move(cx - 150, cy - 120);
  await page.mouse.down();
  await page.mouse.move(cx + 150, cy + 120, { steps: 8 });
  await page.mouse.up();
  const notice = page.getByRole("status").filter({ hasText: "added to the basket" });
  await expect.poll(() => notice.count(), { timeout: 10_000 }).toBe(1);
  const added = Number(/(\d+) available plots? added/.exec((await notice.textContent()) ?? "")?.[1]);
  expect(added).toBeGreaterThanOrEqual(1);
  await expect.poll(() => page.getByTestId("basket-count").textContent()).toBe(String(added));
  await shot(page, "10-box-selected");
});

it("buys one plot, then ten at once, lists one, sells it to another account, shows both portfolios", async () => {
  const { page } = await tracedPage(browser, "plots");
  await page.goto(stack.webUrl);
  const aliceKey = await becomeUser(page, stack.webUrl);
  const alice = page;
  await alice.waitForTimeout(1500);
  await shot(alice, "01-world");

  await alice.getByRole("combobox", { name: "Search a place or coordinates" }).fill("Paris");
  await alice.getByRole("option", { name: /^Paris, France/ }).click();
  await expect.poll(() => alice.url(), { timeout: 10_000 }).toMatch(/at=48\.8/);
  await alice.waitForTimeout(2000);
  await shot(alice, "02-paris");

  await clickCell(alice, PARIS);
  await alice.getByRole("button", { name: /^Buy for 10 HXA/ }).click();
  await waitDone(alice);
  await shot(alice, "03-bought-one");
  // The six neighbours by compass direction with their state (the seed owns the rings around Paris);
  // one opens that plot, and the way back is its opposite.
  const neighbours = alice.getByRole("button", { name: /^Open the plot to the / });
  await expect.poll(() => neighbours.count()).toBe(6);
  const first = neighbours.first();
  const label = (await first.getAttribute("aria-label")) ?? "";
  expect(label).toMatch(/^Open the plot to the [a-z-]+: (owned by others|for sale)$/);
  const way = /to the ([a-z-]+)/.exec(label)?.[1] ?? "";
  await first.click();
  await expect.poll(() => new URL(alice.url()).searchParams.get("cell")).not.toBe(PARIS);
  expect(gridDisk(PARIS, 1)).toContain(new URL(alice.url()).searchParams.get("cell"));
  await shot(alice, "03a-neighbour");
  // The panel is the neighbour's own: the purchase's progress stayed with the plot it was for.
  await expect.poll(() => alice.getByText("Buy plot").count()).toBe(0);
  const back = { north: "south", south: "north", east: "west", west: "east" } as Record<string, string>;
  const opposite = way.replace(/north|south|east|west/g, (d) => back[d] as string);
  await alice.getByRole("button", { name: `Open the plot to the ${opposite}: mine` }).click();
  await expect.poll(() => new URL(alice.url()).searchParams.get("cell")).toBe(PARIS);
  await alice.getByRole("button", { name: "Close plot panel" }).click();
  await alice.waitForTimeout(500);
  await shot(alice, "03b-mine-on-map");

  // Zoom out a little, then pick ten free plots (the seed owns the three rings around the centre)
  // in the open part of the screen.
  await alice.evaluate(() =>
    (window as unknown as { hexadsMap: { jumpTo: (o: object) => void } }).hexadsMap.jumpTo({ zoom: 10.7 }),
  );
  await alice.waitForTimeout(1500);
  const candidates = gridDisk(PARIS, 5).filter((c) => !gridDisk(PARIS, 3).includes(c));
  const ring: string[] = [];
  for (const c of candidates) {
    const p = await cellPixel(alice, c);
    if (p.x > 420 && p.x < 980 && p.y > 140 && p.y < 760 && ring.length < 10) ring.push(c);
  }
  expect(ring).toHaveLength(10);
  for (const c of ring) await clickCell(alice, c, true);
  await expect(alice.getByTestId("basket-count").textContent()).resolves.toBe("10");
  await shot(alice, "04-basket");
  await alice.getByRole("button", { name: "Buy all in one transaction" }).click();
  await waitDone(alice, "Basket");
  await shot(alice, "05-bought-ten");

  await clickCell(alice, ring[0] as string);
  await alice.getByLabel("Price (HXA)").fill("25");
  await alice.getByRole("button", { name: "List for sale" }).click();
  await alice.getByRole("button", { name: "List for 25 HXA" }).click();
  await waitDone(alice);
  await shot(alice, "06-listed");

  const bobAddress = privateKeyToAccount((await becomeUser(page, stack.webUrl)) as Hex).address;
  const bob = page;
  await bob.goto(`${stack.webUrl}/?at=48.8566,2.3522,12&cell=${ring[0]}`);
  await bob.getByRole("button", { name: /Buy from owner for 25 HXA/ }).click();
  await bob.getByRole("button", { name: "Pay 25 HXA" }).click();
  await waitDone(bob);
  await shot(bob, "07-bought-listed");
  // The chain, as indexed, agrees: Bob owns it and it is no longer listed.
  const sold = await api<{ owner: string; listing: unknown }>(`/plots/${ring[0]}`);
  expect(sold).toMatchObject({ owner: bobAddress.toLowerCase(), listing: null });

  await bob.getByRole("link", { name: "Portfolio" }).click();
  await expect.poll(() => bob.getByTestId("portfolio-count").textContent(), { timeout: 15_000 }).toBe("1");
  await bob.waitForTimeout(1500);
  await shot(bob, "08-portfolio-buyer");

  await becomeUser(page, stack.webUrl, aliceKey);
  await alice.getByRole("link", { name: "Portfolio" }).click();
  await expect.poll(() => alice.getByTestId("portfolio-count").textContent(), { timeout: 15_000 }).toBe("10");
  await alice.waitForTimeout(1500);
  await shot(alice, "09-portfolio-seller");
}, 300_000); // eleven transactions by two users through the UI

it("connects a browser wallet found through EIP-6963, switches it from the wrong network, explains a revert, then buys", async () => {
  const account = anvilAccount(7).address;
  const { page } = await tracedPage(browser, "injected");
  await installInjectedWallet(page, stack.rpcUrl, account, 1);
  const tokyo = latLngToCell(35.6762, 139.6503, 7); // left free by the seed
  // The bundled single-process Chromium shares storage across contexts: forget the burner's session.
  await page.goto(stack.webUrl);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${stack.webUrl}/?at=35.6762,139.6503,12&cell=${tokyo}`);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("menuitem", { name: /Test Wallet/ }).click();
  await page.getByRole("button", { name: "Wrong network: switch to chain 31337" }).click();
  await expect.poll(() => page.getByTestId("hxa-balance").textContent(), { timeout: 15_000 }).toBe("0 HXA");

  // Without HXA the purchase reverts in simulation, and the panel says why in words.
  await page.getByRole("button", { name: /^Buy for 10 HXA/ }).click();
  await expect
    .poll(
      () =>
        page
          .getByLabel(/^Plot /)
          .getByRole("status")
          .textContent(),
      { timeout: 20_000 },
    )
    .toMatch(/You do not have enough HXA/);
  await shot(page, "10b-injected-revert");

  const deployer = createWalletClient({ account: anvilAccount(0), transport: http(stack.rpcUrl) });
  await deployer.writeContract({
    chain: null,
    address: stack.deployment.HexToken,
    abi: hexTokenAbi,
    functionName: "transfer",
    args: [account, parseEther("100")],
  });
  await expect.poll(() => page.getByTestId("hxa-balance").textContent(), { timeout: 15_000 }).toBe("100 HXA");
  await page.getByRole("button", { name: /^Buy for 10 HXA/ }).click();
  await waitDone(page);
  expect((await api<{ owner: string }>(`/plots/${tokyo}`)).owner).toBe(account.toLowerCase());
});
