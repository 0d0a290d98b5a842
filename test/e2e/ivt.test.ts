// Issue 16's "advertisers see what they did not pay for" and "viewers see why a click was not paid",
// in a real browser: clicks on a seeded campaign are refused for several reasons through the
// indexer's API, as bots and careless clients would make them; the advertiser's dashboard lists them
// by reason, each explained, and a viewer's Earn page lists its clicks with what each paid or why it
// did not, on a desktop and on a phone.
import { parseCreative, viewableRequest } from "@hexads/protocol";
import { cellToParent, gridDisk, latLngToCell } from "h3-js";
import type { Browser } from "playwright-core";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, expect, it } from "vitest";
import { clickRequest, newViewer, sessionRequest, type Viewer } from "../../tools/demoViewer";
import { anvilKey } from "../../tools/localChain";
import { launchBrowser, shot, tracedPage } from "./support/browser";
import { type Stack, startStack } from "./support/stack";
import { becomeUser } from "./support/users";

const PARIS = latLngToCell(48.8566, 2.3522, 7);
/** A plot next to it in the campaign's area: another impression of the same ad. */
const NEXT_DOOR = gridDisk(PARIS, 1).find(
  (c) => c !== PARIS && cellToParent(c, 5) === cellToParent(PARIS, 5),
);
/** The seed's Paris campaign ("Café Hexagone") is anvil account 2's. */
const ADVERTISER = 2;
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

const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${stack.indexerUrl}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A viewer's session, and a token of the Paris campaign served to it: `token` reported on screen
 * (signed by the session key) the moment it arrived, `unseen` as served.
 */
async function served(v: Viewer, session?: string, cell = PARIS) {
  const id =
    session ??
    ((
      await call(
        "POST",
        "/sessions",
        await sessionRequest(v, stack.deployment, Math.floor(Date.now() / 1000) + 3600),
      )
    ).body.id as string);
  const { ads } = (await call("GET", `/ads?cell=${cell}&session=${id}`)).body as {
    ads: { creativeUri: string; token: string }[];
  };
  const ad = ads.find((a) => parseCreative(a.creativeUri)?.title.startsWith("Café Hexagone"));
  if (!ad) throw new Error("the Paris campaign's ad was not served");
  const viewed = await call("POST", "/impressions/viewable", await viewableRequest(ad.token, v.sign));
  return { session: id, token: viewed.body.token as string, unseen: ad.token };
}

it("shows the advertiser the clicks it did not pay for, by reason, each explained", async () => {
  const reasons: string[] = [];
  const click = async (v: Viewer, token: string, signer = v) => {
    const res = await call("POST", "/clicks", { ...clickRequest(signer, token) });
    reasons.push(res.status === 201 ? "paid" : (res.body.reason as string));
  };
  const bot = newViewer();
  const first = await served(bot);
  await click(bot, first.token); // at once: no person clicks an ad the instant it appears
  await pause(1100);
  await click(bot, first.token); // paid
  await click(bot, first.token); // the same view again
  const again = await served(bot, first.session, NEXT_DOOR);
  await pause(1100);
  await click(bot, again.token); // the same ad within 24 h
  const thief = newViewer();
  const stolen = await served(thief);
  await pause(1100);
  await click(thief, stolen.token, bot); // signed by another key than the session's
  const blind = newViewer();
  const unseen = await served(blind);
  await pause(1100);
  await click(blind, unseen.unseen); // never reported on screen
  expect(reasons).toEqual([
    "click_too_fast",
    "paid",
    "token_used",
    "frequency_campaign",
    "bad_signature",
    "not_viewable",
  ]);

  const { page } = await tracedPage(browser, "ivt-report");
  await page.goto(stack.webUrl);
  await becomeUser(page, stack.webUrl, anvilKey(ADVERTISER));
  await page.getByRole("link", { name: "My campaigns" }).click();
  await page.locator(".campaign-head", { hasText: "Café Hexagone" }).click();
  const report = page.getByRole("region", { name: "Clicks you did not pay for" });
  await expect
    .poll(() => report.getByTestId("ivt-summary").textContent(), { timeout: 15_000 })
    .toMatch(
      /^5 of 6 clicks refused, none charged to you: 4 invalid traffic .*, 1 outside your campaign's terms\.$/,
    );
  const row = async (reason: string) => (await report.getByTestId(`ivt-${reason}`).textContent()) ?? "";
  expect(await row("click_too_fast")).toMatch(/^click too fastinvalid traffic.*person can see it\.1$/);
  expect(await row("token_used")).toMatch(/^token usedinvalid traffic.*a retry or a replay\.1$/);
  expect(await row("bad_signature")).toMatch(/^bad signatureinvalid traffic.*session key.*1$/);
  expect(await row("not_viewable")).toMatch(/^not viewableinvalid traffic.*on screen.*1$/);
  expect(await row("frequency_campaign")).toMatch(/^frequency campaignThe viewer was already paid.*1$/);
  await report.scrollIntoViewIfNeeded();
  await shot(page, "30-ivt-report");

  await page.setViewportSize({ width: 390, height: 844 });
  await report.scrollIntoViewIfNeeded();
  await shot(page, "31-ivt-report-phone");
  // Nothing runs off a phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}, 240_000);

it("shows a viewer its clicks on Earn: what each paid, or why it was not paid, and its earnings at this pace", async () => {
  const { page } = await tracedPage(browser, "ivt-viewer");
  await page.goto(stack.webUrl);
  // The browser's wallet; its clicks are made here with a session key of its own.
  const v = newViewer(privateKeyToAccount((await becomeUser(page, stack.webUrl)) as `0x${string}`));
  const ad = await served(v);
  expect((await call("POST", "/clicks", clickRequest(v, ad.token))).body.reason).toBe("click_too_fast");
  await pause(1100);
  expect((await call("POST", "/clicks", clickRequest(v, ad.unseen))).body.reason).toBe("not_viewable");
  expect((await call("POST", "/clicks", clickRequest(v, ad.token))).status).toBe(201);

  await page.getByRole("link", { name: "Earn" }).click();
  const list = page.getByTestId("click-history");
  await expect.poll(() => list.locator("li").count(), { timeout: 15_000 }).toBe(3);
  const [paid, unseen, refused] = await list.locator("li").allTextContents();
  expect(paid).toMatch(/^Paid · \+0\.6 HXApaid.*campaign #\d+ · plot [0-9a-f]{15}, Paris, France$/);
  expect(unseen).toMatch(/^Not paid: The ad was not on screen for a second before the click.*not viewable/);
  expect(refused).toMatch(
    /^Not paid: The ad was clicked faster than a person can see it: look at an ad before opening it\.click too fast.*campaign #\d+/,
  );
  // Projected earnings at the current pace: the one paid click (0.6 HXA) of the last 24 hours.
  expect(await page.getByTestId("projection").textContent()).toBe(
    "At your pace of the last 24 hours you earn about 0.6 HXA a day: 4.2 HXA a week, 18 HXA a month.",
  );
  await list.scrollIntoViewIfNeeded();
  await shot(page, "32-earn-clicks");
  await page.setViewportSize({ width: 390, height: 844 });
  await list.scrollIntoViewIfNeeded();
  await shot(page, "33-earn-clicks-phone");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}, 240_000);
