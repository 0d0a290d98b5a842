// Issue 18's real-chain mode, in a real browser: the stack on an anvil with Base Sepolia's chain id
// (84532), deployed by the deploy script's production branch (roles on separate keys, no faucet),
// the indexer waiting 12 confirmations, and blocks mined only when this test says so. A person with
// an injected EIP-6963 wallet (no burner on offer) is told which network to use, adds HXA to the
// wallet, buys a plot and watches the purchase go pending → confirmed → final.
import { latLngToCell } from "h3-js";
import type { Browser, Page } from "playwright-core";
import { createWalletClient, http, parseEther, toHex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hexTokenAbi } from "../../indexer/src/chain/abis";
import { rpc } from "../../tools/localChain";
import { launchBrowser, shot, tracedPage } from "./support/browser";
import { installInjectedWallet } from "./support/injectedWallet";
import { realChainRoles, type Stack, startStack } from "./support/stack";

const CONFIRMATIONS = 12;
const LYON = { lat: 45.764, lng: 4.8357 };
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack({ realChain: { chainId: 84532, confirmations: CONFIRMATIONS } });
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

  const { page } = await tracedPage(browser, "realchain");
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
