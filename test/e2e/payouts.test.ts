// Issue 18's "the 0-ETH viewer is paid", in a real browser: a fresh wallet that has never held ETH
// (an EIP-6963 wallet signing with its own key) opens Earn in Paris, signs its session, clicks an ad,
// and its HXA arrives in the wallet through the operator's sponsored payout, never claiming itself.
import type { Browser, Page } from "playwright-core";
import { createPublicClient, http, parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, expect, it } from "vitest";
import { launchBrowser, shot, tracedPage } from "./support/browser";
import { expectPaidWithoutGas } from "./support/gasless";
import { installInjectedWallet } from "./support/injectedWallet";
import { type Stack, startStack } from "./support/stack";

const PARIS = { lat: 48.8566, lng: 2.3522 };
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ epochSeconds: 5, payouts: { min: "0.5", intervalSeconds: 5 } });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const hxa = async (page: Page) =>
  Number(((await page.getByTestId("hxa-balance").textContent()) ?? "").replace(/[^\d.]/g, ""));

it("a fresh wallet with 0 ETH earns from a click and ends up with the HXA in its wallet", async () => {
  const viewer = privateKeyToAccount(generatePrivateKey());
  const { context, page } = await tracedPage(browser, "payout", {
    geolocation: { latitude: PARIS.lat, longitude: PARIS.lng },
    permissions: ["geolocation"],
  });
  await installInjectedWallet(page, stack.rpcUrl, viewer, 31337);
  await page.goto(stack.webUrl);
  await page.evaluate(() => localStorage.clear());
  await page.goto(stack.webUrl);
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("menuitem", { name: /Test Wallet/ }).click();
  await expect.poll(() => page.getByTestId("hxa-balance").textContent(), { timeout: 15_000 }).toBe("0 HXA");
  expect(
    await createPublicClient({ transport: http(stack.rpcUrl) }).getBalance({ address: viewer.address }),
  ).toBe(0n);

  await page.getByRole("link", { name: "Earn" }).click();
  await page.getByRole("button", { name: "Use my location" }).click();
  await page.getByRole("button", { name: "Start earning" }).click();
  const ad = page.locator(".ad-card", { hasText: "Café Hexagone" });
  await expect.poll(() => ad.count(), { timeout: 20_000 }).toBe(1);
  const landing = context.waitForEvent("page");
  await ad.getByRole("button", { name: /Open/ }).click();
  await (await landing).close();
  await expect
    .poll(() => ad.getByRole("status").textContent(), { timeout: 15_000 })
    .toMatch(/\+0\.6 HXA pending/);
  // The page says when the payout comes, and that it needs no ETH.
  await expect
    .poll(() => page.getByTestId("next-payout").textContent(), { timeout: 30_000 })
    .toMatch(/^Next payout in 0:0\d.*no ETH needed/i);
  await shot(page, "21-payout-next");
  await expect.poll(() => hxa(page), { timeout: 90_000 }).toBeCloseTo(0.6, 5);
  await expect
    .poll(() => page.getByTestId("earn-claimed").textContent(), { timeout: 30_000 })
    .toBe("0.6 HXA");
  await expect
    .poll(() => page.getByTestId("next-payout").textContent())
    .toMatch(/once you have 0\.5 HXA to collect/);
  await shot(page, "22-payout-paid");
  await expectPaidWithoutGas(stack, viewer.address, parseEther("0.6"));
});
