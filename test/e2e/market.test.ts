// Issue 19's plot market in a real browser: an offer on a plot that is not for sale (reviewed with
// its escrow), cancelled by one buyer and accepted by the owner after a fee review; a listing and a
// purchase reviewed with the fee; a plot sent to an address at phone size, which kills the offer made
// to its sender; and the offers made and received in the portfolio.
import { latLngToCell } from "h3-js";
import type { Browser, Locator, Page } from "playwright-core";
import { createPublicClient, type Hex, http, parseEther } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hexTokenAbi } from "../../indexer/src/chain/abis";
import { seriousViolations } from "./support/axe";
import { launchBrowser, shot, tracedPage } from "./support/browser";
import { type Stack, startStack } from "./support/stack";
import { becomeUser, waitDone } from "./support/users";

let stack: Stack;
let browser: Browser;
let page: Page;
const LISBON = { lat: 38.7223, lng: -9.1393 };
const PLOT = latLngToCell(LISBON.lat, LISBON.lng, 7);
const keys: Record<"alice" | "bob" | "carol", string> = { alice: "", bob: "", carol: "" };
const addressOf = (name: keyof typeof keys) => privateKeyToAccount(keys[name] as Hex).address;

const api = async <T>(path: string) => (await (await fetch(`${stack.indexerUrl}${path}`)).json()) as T;
type Offers = { owner: string; offers: { buyer: string; amount: string; status: string }[] };
const balance = (who: keyof typeof keys) =>
  createPublicClient({ transport: http(stack.rpcUrl) }).readContract({
    address: stack.deployment.HexToken,
    abi: hexTokenAbi,
    functionName: "balanceOf",
    args: [addressOf(who)],
  });
const plotUrl = () => `${stack.webUrl}/?at=${LISBON.lat},${LISBON.lng},12&cell=${PLOT}`;
const review = (p: Page, name: string) => p.getByRole("region", { name });
/** Within a 390 px wide screen: nothing to scroll sideways to. */
const fitsPhone = async (l: Locator) => {
  const b = await l.boundingBox();
  return !!b && b.x >= 0 && b.x + b.width <= 390;
};

/** Becomes `who` (a fresh burner the first time) and opens the plot. */
async function openPlotAs(who: keyof typeof keys) {
  keys[who] = await becomeUser(page, stack.webUrl, keys[who] || undefined);
  await page.goto(plotUrl());
  await expect.poll(() => page.getByTestId("plot-place").textContent(), { timeout: 15_000 }).not.toBe("…");
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it("makes offers on a plot that is not for sale, cancels one, and the owner accepts the other after a fee review", async () => {
  ({ page } = await tracedPage(browser, "market-offers"));
  await page.goto(stack.webUrl);
  await page.evaluate(() => localStorage.setItem("hexads.introSeen", "1"));
  await openPlotAs("alice");
  await page.getByRole("button", { name: /^Buy for 10 HXA/ }).click();
  await waitDone(page);
  // The owner is offered nothing to make an offer on.
  expect(await page.getByRole("button", { name: "Make an offer" }).count()).toBe(0);

  await openPlotAs("bob");
  const before = await balance("bob");
  await page.getByRole("button", { name: "Make an offer" }).click();
  await page.getByLabel("Your offer (HXA)").fill("20000");
  await expect.poll(() => page.locator("#offer-note").textContent()).toMatch(/at most 10,000 HXA/);
  expect(await page.getByRole("button", { name: "Review offer" }).isDisabled()).toBe(true);
  await page.getByLabel("Your offer (HXA)").fill("15");
  await page.getByLabel("Valid for").selectOption("7");
  await page.getByRole("button", { name: "Review offer" }).click();
  const offerReview = review(page, "Review your offer");
  // A fresh account has approved nothing: the wallet will ask to approve first.
  await expect
    .poll(() => offerReview.textContent())
    .toMatch(/asks twice: first to let the plot market take the HXA \(approve\)/);
  const text = (await offerReview.textContent()) ?? "";
  expect(text).toMatch(/Your offer15 HXA/);
  expect(text).toMatch(/Escrowed now15 HXA/);
  const until = new Date(Date.now() + 7 * 86400_000).toLocaleDateString("en-GB", { dateStyle: "medium" });
  expect(text).toContain(`Valid until${until}`);
  // The review takes the focus, so a keyboard user is on it.
  expect(await offerReview.evaluate((el) => el === document.activeElement)).toBe(true);
  await shot(page, "50-offer-review");
  expect(await seriousViolations(page)).toEqual([]);
  await offerReview.getByRole("button", { name: "Offer 15 HXA" }).click();
  await waitDone(page);
  expect(before - (await balance("bob"))).toBe(parseEther("15"));
  const mine = page.getByTestId("offer").filter({ hasText: "from you" });
  await expect.poll(() => mine.textContent(), { timeout: 15_000 }).toMatch(/^15 HXA from you/);
  await shot(page, "51-offer-made");

  await openPlotAs("carol");
  await page.getByRole("button", { name: "Make an offer" }).click();
  await page.getByLabel("Your offer (HXA)").fill("12");
  await page.getByRole("button", { name: "Review offer" }).click();
  await review(page, "Review your offer").getByRole("button", { name: "Offer 12 HXA" }).click();
  await waitDone(page);
  const carolBefore = await balance("carol");
  await page
    .getByTestId("offer")
    .filter({ hasText: "from you" })
    .getByRole("button", { name: "Cancel offer" })
    .click();
  await waitDone(page);
  expect((await balance("carol")) - carolBefore).toBe(parseEther("12"));
  const open = await api<Offers>(`/plots/${PLOT}/offers`);
  expect(open.offers.map((o) => o.buyer)).toEqual([addressOf("bob").toLowerCase()]);

  await openPlotAs("alice");
  const aliceBefore = await balance("alice");
  await page.getByRole("button", { name: /^Accept 15 HXA from 0x/ }).click();
  const sale = review(page, "Review the sale");
  const saleText = (await sale.textContent()) ?? "";
  expect(saleText).toMatch(/Offer15 HXA/);
  expect(saleText).toMatch(/Market fee \(2\.5 %\)− 0\.375 HXA/);
  expect(saleText).toMatch(/You receive14\.625 HXA/);
  await shot(page, "52-accept-review");
  await sale.getByRole("button", { name: "Accept 15 HXA" }).click();
  await waitDone(page);
  expect((await balance("alice")) - aliceBefore).toBe(parseEther("14.625"));
  expect((await api<Offers>(`/plots/${PLOT}/offers`)).owner).toBe(addressOf("bob").toLowerCase());
  await expect.poll(() => page.getByText("No open offers yet.").count(), { timeout: 15_000 }).toBe(1);
  await shot(page, "53-accepted");
});

it("reviews a listing with the seller's fee breakdown and a purchase with price, fee and total", async () => {
  await openPlotAs("bob");
  await page.getByLabel("Price (HXA)").fill("20");
  await page.getByRole("button", { name: "List for sale" }).click();
  const listing = review(page, "Review your listing");
  const listText = (await listing.textContent()) ?? "";
  expect(listText).toMatch(/Price20 HXA/);
  expect(listText).toMatch(/Market fee \(2\.5 %\)− 0\.5 HXA/);
  expect(listText).toMatch(/You receive19\.5 HXA/);
  await shot(page, "54-list-review");
  await listing.getByRole("button", { name: "List for 20 HXA" }).click();
  await waitDone(page);

  await openPlotAs("carol");
  const carolBefore = await balance("carol");
  await page.getByRole("button", { name: /Buy from owner for 20 HXA/ }).click();
  const purchase = review(page, "Review your purchase");
  await expect.poll(() => purchase.textContent()).toMatch(/Market fee \(2\.5 %\)0\.5 HXA, included/);
  const buyText = (await purchase.textContent()) ?? "";
  expect(buyText).toMatch(/Price20 HXA/);
  expect(buyText).toMatch(/Seller receives19\.5 HXA/);
  expect(buyText).toMatch(/You pay in total20 HXA/);
  await shot(page, "55-buy-review");
  expect(await seriousViolations(page)).toEqual([]);
  // Escape steps back out of the review, and only out of it.
  await page.keyboard.press("Escape");
  expect(await purchase.count()).toBe(0);
  expect(await page.getByLabel(`Plot ${PLOT}`).count()).toBe(1);
  await page.getByRole("button", { name: /Buy from owner for 20 HXA/ }).click();
  await review(page, "Review your purchase").getByRole("button", { name: "Pay 20 HXA" }).click();
  await waitDone(page);
  expect(carolBefore - (await balance("carol"))).toBe(parseEther("20"));
  expect((await api<Offers>(`/plots/${PLOT}/offers`)).owner).toBe(addressOf("carol").toLowerCase());
});

it("at phone size, sends a plot to an address after checking it, and the portfolio shows offers made and received", async () => {
  // Alice offers on Carol's plot (desktop page: it is where accounts are switched).
  await openPlotAs("alice");
  await page.getByRole("button", { name: "Make an offer" }).click();
  await page.getByLabel("Your offer (HXA)").fill("11");
  await page.getByRole("button", { name: "Review offer" }).click();
  await review(page, "Review your offer").getByRole("button", { name: "Offer 11 HXA" }).click();
  await waitDone(page);

  // The bundled Chromium shares storage across contexts: the phone page is whoever the desktop page last became.
  await becomeUser(page, stack.webUrl, keys.carol);
  const { page: phone } = await tracedPage(browser, "market-phone", {
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
  });
  await phone.goto(`${stack.webUrl}/portfolio`);
  const received = phone.getByRole("table", { name: "On your plots" });
  await expect
    .poll(() => received.textContent(), { timeout: 30_000 })
    .toMatch(/11 HXAYou receive 10\.725 HXAOpen until .*0x/);
  expect(await fitsPhone(received)).toBe(true);
  await received.scrollIntoViewIfNeeded();
  await shot(phone, "56-phone-portfolio-received");
  expect(await seriousViolations(phone)).toEqual([]);

  await phone.goto(plotUrl());
  await phone.getByRole("button", { name: "Send to another address" }).tap();
  const to = phone.getByLabel("Recipient address");
  await to.fill("0x1234");
  await phone.getByRole("button", { name: "Review transfer" }).tap();
  await expect.poll(() => phone.locator("#send-note").textContent()).toMatch(/not an address/);
  expect(await to.getAttribute("aria-invalid")).toBe("true");
  expect(await review(phone, "Review the transfer").count()).toBe(0);
  await shot(phone, "57-phone-send-invalid");
  await to.fill(addressOf("bob").toLowerCase());
  await phone.getByRole("button", { name: "Review transfer" }).tap();
  const transfer = review(phone, "Review the transfer");
  const transferText = (await transfer.textContent()) ?? "";
  expect(transferText).toContain(`To${addressOf("bob")}`);
  expect(transferText).toMatch(/Offers to you1 end/);
  // The review fits the phone's width and its buttons are thumb-sized.
  for (const name of ["Back", "Send plot"]) {
    const b = await transfer.getByRole("button", { name }).boundingBox();
    expect(b && b.x >= 0 && b.x + b.width <= 390 && b.height >= 44).toBe(true);
  }
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(phone, "58-phone-send-review");
  await transfer.getByRole("button", { name: "Send plot" }).tap();
  await waitDone(phone);
  await shot(phone, "59-phone-sent");
  expect((await api<Offers>(`/plots/${PLOT}/offers`)).owner).toBe(addressOf("bob").toLowerCase());

  // Alice's offer was made to Carol: it died with the transfer, and she takes her HXA back.
  await becomeUser(page, stack.webUrl, keys.alice);
  await phone.goto(`${stack.webUrl}/portfolio`);
  const made = phone.getByRole("table", { name: "Made by you" });
  const state = made.getByRole("row").filter({ hasText: "11 HXA" }).getByTestId("made-offer-state");
  await expect
    .poll(() => state.textContent(), { timeout: 30_000 })
    .toBe("Plot changed hands, HXA still held");
  expect(await fitsPhone(made)).toBe(true);
  await made.scrollIntoViewIfNeeded();
  await shot(phone, "60-phone-portfolio-made");
  const aliceBefore = await balance("alice");
  await made.getByRole("button", { name: "Take back HXA" }).tap();
  await waitDone(phone, /^Offers$/);
  expect((await balance("alice")) - aliceBefore).toBe(parseEther("11"));
  await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe("Cancelled, HXA returned");
});
