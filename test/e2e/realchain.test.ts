// Issue 18's real-chain mode, in a real browser: the stack on an anvil with Base Sepolia's chain id
// (84532), deployed by the deploy script's production branch (roles on separate keys, no faucet),
// the indexer waiting 12 confirmations, and blocks mined only when this test says so. A person with
// an injected EIP-6963 wallet (no burner on offer) is told which network to use, adds HXA to the
// wallet, buys a plot and watches the purchase go pending → confirmed → final. Then, on the same
// chain, that person advertises over the city, a viewer whose fresh wallet holds no ETH clicks the
// ad, and once the epoch has waited out the production challenge period the operator's sponsored
// payout brings the viewer's HXA to its wallet.
import { latLngToCell } from "h3-js";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createPublicClient, createWalletClient, http, parseEther, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, expect, it } from "vitest";
import { adMarketAbi, hexTokenAbi } from "../../indexer/src/chain/abis";
import { rpc, setIntervalMining } from "../../tools/localChain";
import { launchBrowser, shot, tracedPage } from "./support/browser";
import { expectPaidWithoutGas } from "./support/gasless";
import { installInjectedWallet } from "./support/injectedWallet";
import { realChainRoles, type Stack, startStack } from "./support/stack";

const CONFIRMATIONS = 12;
/** The production challenge period (the deploy script's default off the dev chain). */
const CHALLENGE_PERIOD = 86_400;
const LYON = { lat: 45.764, lng: 4.8357 };
let stack: Stack;
let browser: Browser;
/** The buyer's browser (located in Lyon: only the first context gets a position), kept for the next journey. */
let buyerPage: Page;
let buyerContext: BrowserContext;

beforeAll(async () => {
  stack = await startStack({
    realChain: { chainId: 84532, confirmations: CONFIRMATIONS },
    epochSeconds: 5,
    payouts: { min: "0.5", intervalSeconds: 5 },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const txStatus = (page: Page) => page.getByLabel(/^Plot /).getByRole("status");
const currentStep = (page: Page) => txStatus(page).locator(".tx-steps li.now").textContent();

it("on a real chain, says which network, adds HXA to the wallet, and shows a purchase pending, confirmed and final", async () => {
  // A fresh account, given ETH for gas and 100 HXA by the treasury (which holds the supply here).
  const buyer = privateKeyToAccount(generatePrivateKey());
  await rpc(stack.rpcUrl, "anvil_setBalance", [buyer.address, toHex(parseEther("1"))]);
  const treasury = createWalletClient({ account: realChainRoles.treasury, transport: http(stack.rpcUrl) });
  await treasury.writeContract({
    chain: null,
    address: stack.deployment.HexToken,
    abi: hexTokenAbi,
    functionName: "transfer",
    args: [buyer.address, parseEther("100")],
  });
  // Bury the deployment and the transfer under enough blocks for the indexer to take them.
  await stack.mine(CONFIRMATIONS + 1);
  expect(stack.deployment).toMatchObject({ chainId: 84532, Faucet: `0x${"0".repeat(40)}` });

  const { context, page } = await tracedPage(browser, "realchain", {
    geolocation: { latitude: LYON.lat, longitude: LYON.lng },
    permissions: ["geolocation"],
  });
  buyerContext = context;
  buyerPage = page;
  await installInjectedWallet(page, stack.rpcUrl, buyer, 1);
  const cell = latLngToCell(LYON.lat, LYON.lng, 7);
  await page.goto(stack.webUrl);
  await page.evaluate(() => localStorage.clear());
  await page.goto(`${stack.webUrl}/?at=${LYON.lat},${LYON.lng},12&cell=${cell}`);

  // No burner on a real chain: the browser wallet only, and the network it must be on.
  await page.getByRole("button", { name: "Connect wallet" }).click();
  const wallets = await page.getByRole("menuitem").allTextContents();
  expect(wallets).toContain("Test Wallet");
  expect(wallets.filter((name) => /burner/i.test(name))).toEqual([]);
  await expect
    .poll(() => page.getByTestId("network-help").textContent())
    .toMatch(/^HexAds runs on Base Sepolia \(chain 84532\)\. Get HXA there by clicking ads/);
  await shot(page, "30-realchain-connect");
  await page.getByRole("menuitem", { name: /Test Wallet/ }).click();
  // The wallet starts on Ethereum mainnet: the app names the network it expects.
  await page.getByRole("button", { name: "Wrong network: switch to chain 84532 (Base Sepolia)" }).click();
  await expect.poll(() => page.getByTestId("hxa-balance").textContent(), { timeout: 15_000 }).toBe("100 HXA");

  // "Add HXA to your wallet" asks the wallet to watch the token (wallet_watchAsset).
  await page.locator(".wallet.connected > button").click();
  await page.getByRole("menuitem", { name: "Add HXA to your wallet" }).click();
  await expect
    .poll(() => page.locator(".wallet .toast").textContent())
    .toBe("HXA is now listed in your wallet.");
  const watched = await page.evaluate(
    () => (window as unknown as { __watchedAssets: unknown[] }).__watchedAssets,
  );
  expect(watched).toEqual([
    { type: "ERC20", options: { address: stack.deployment.HexToken, symbol: "HXA", decimals: 18 } },
  ]);

  // The purchase waits in the mempool until a block is mined: pending.
  await page.getByRole("button", { name: /^Buy for 10 HXA/ }).click();
  await expect.poll(() => currentStep(page), { timeout: 30_000 }).toBe("Pending");
  await expect(txStatus(page).textContent()).resolves.toMatch(/Transaction sent, waiting for the block/);
  await shot(page, "31-realchain-pending");
  // Mined: confirmed, with the confirmations it still needs counted as blocks come.
  await stack.mine(1);
  await expect.poll(() => currentStep(page), { timeout: 15_000 }).toBe("Confirmed");
  await stack.mine(5);
  await expect
    .poll(() => txStatus(page).textContent(), { timeout: 15_000 })
    .toMatch(/Confirmed on chain: 5 of 12 confirmations before it is final/);
  await shot(page, "32-realchain-confirmed");
  // The index knows nothing of the purchase before it is final: the plot was never bought.
  const plot = () => fetch(`${stack.indexerUrl}/plots/${cell}`);
  expect((await plot()).status).toBe(404);
  await stack.mine(CONFIRMATIONS - 5);
  await expect.poll(() => txStatus(page).textContent(), { timeout: 30_000 }).toMatch(/Done\./);
  await expect(txStatus(page).locator(".tx-steps li.done").allTextContents()).resolves.toEqual([
    "Sign",
    "Pending",
    "Confirmed",
    "Final",
    "Indexed",
  ]);
  expect(await (await plot()).json()).toMatchObject({ owner: buyer.address.toLowerCase() });
  await expect.poll(() => page.getByTestId("hxa-balance").textContent(), { timeout: 15_000 }).toBe("90 HXA");
  await shot(page, "33-realchain-final");
});

it("on the same chain, advertises, pays a 0-ETH viewer's click through the sponsored payout after the challenge period", async () => {
  // From here blocks come every second, as on a real chain.
  await setIntervalMining(stack.rpcUrl, 1);
  const chain = createPublicClient({ transport: http(stack.rpcUrl) });
  const market = { address: stack.deployment.AdMarket, abi: adMarketAbi } as const;

  // The buyer, still connected, advertises over Lyon with the injected wallet.
  const page = buyerPage;
  await page.getByRole("link", { name: "Advertise" }).click();
  await page.getByRole("tab", { name: "Radius" }).click();
  await page.getByRole("combobox", { name: "Search a place or coordinates" }).fill("Lyon");
  await page.getByRole("option", { name: /^Lyon, France/ }).click();
  await expect.poll(() => page.getByTestId("area-summary").textContent()).toMatch(/plots covered/);
  await page.getByRole("button", { name: /Next: Creative/ }).click();
  await page.getByLabel("Title").fill("Traboule tours");
  await page.getByLabel("Landing page").fill("https://example.com/traboules");
  await page.getByRole("button", { name: /Next: Budget/ }).click();
  await page.getByLabel("Price per click (HXA)").fill("1");
  await page.getByLabel("Budget (HXA)").fill("10");
  await page.getByRole("button", { name: /Next: Review/ }).click();
  await page.getByRole("button", { name: "Create campaign" }).click();
  await expect.poll(() => page.url(), { timeout: 90_000 }).toMatch(/\/campaigns$/);
  await expect.poll(() => page.getByText("Traboule tours").count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await shot(page, "34-realchain-campaign");

  // A viewer with a fresh key: no ETH, no HXA, never funded by anyone.
  const viewer = privateKeyToAccount(generatePrivateKey());
  expect(await chain.getBalance({ address: viewer.address })).toBe(0n);
  const earn = await buyerContext.newPage();
  await installInjectedWallet(earn, stack.rpcUrl, viewer, 84532);
  await earn.goto(stack.webUrl);
  await earn.getByRole("button", { name: "Connect wallet" }).click();
  await earn.getByRole("menuitem", { name: /Test Wallet/ }).click();
  await expect.poll(() => earn.getByTestId("hxa-balance").textContent(), { timeout: 15_000 }).toBe("0 HXA");
  await earn.getByRole("link", { name: "Earn" }).click();
  await earn.getByRole("button", { name: "Use my location" }).click();
  await earn.getByRole("button", { name: "Start earning" }).click();
  const ad = earn.locator(".ad-card", { hasText: "Traboule tours" });
  await expect.poll(() => ad.count(), { timeout: 30_000 }).toBe(1);
  const landing = buyerContext.waitForEvent("page");
  await ad.getByRole("button", { name: /^Open / }).click();
  await (await landing).close();
  // 60 % of a 1 HXA click.
  await expect
    .poll(() => ad.getByRole("status").textContent(), { timeout: 15_000 })
    .toMatch(/\+0\.6 HXA pending/);
  await shot(earn, "35-realchain-click");

  // The settler posts the epoch once the click is 12 blocks deep; it then waits out the challenge period.
  const lastEpoch = () => chain.readContract({ ...market, functionName: "lastEpochId" });
  await expect.poll(lastEpoch, { timeout: 120_000, interval: 1000 }).toBeGreaterThan(0n);
  const epochId = await lastEpoch();
  const epoch = await chain.readContract({ ...market, functionName: "getEpoch", args: [epochId] });
  const posted = await chain.getBlock({ blockTag: "latest" });
  expect(BigInt(epoch.activatesAt) - posted.timestamp).toBeGreaterThan(BigInt(CHALLENGE_PERIOD - 60));
  expect(await chain.readContract({ ...market, functionName: "activeEpochId" })).toBe(0n);
  // The test moves the chain's clock past it; blocks keep coming, so the activation gets final.
  await rpc(stack.rpcUrl, "evm_increaseTime", [CHALLENGE_PERIOD + 1]);
  await expect
    .poll(() => chain.readContract({ ...market, functionName: "activeEpochId" }), {
      timeout: 60_000,
      interval: 1000,
    })
    .toBe(epochId);

  // The operator's payout delivers the viewer's HXA: the wallet shows it, and the viewer sent nothing.
  await expect
    .poll(() => earn.getByTestId("hxa-balance").textContent(), { timeout: 120_000 })
    .toBe("0.6 HXA");
  await expect
    .poll(() => earn.getByTestId("earn-claimed").textContent(), { timeout: 60_000 })
    .toBe("0.6 HXA");
  await shot(earn, "36-realchain-paid");
  await expectPaidWithoutGas(stack, viewer.address, parseEther("0.6"));
});
