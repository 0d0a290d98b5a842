import { type Address, type Hex, parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { checkConservation, type Leaf } from "./check.js";
import type { EconomyEvent } from "./events.js";

const MARKET: Address = "0x00000000000000000000000000000000000000aa";
const ADV: Address = "0x00000000000000000000000000000000000000a1";
const VIEWER: Address = "0x00000000000000000000000000000000000000b1";
const OWNER: Address = "0x00000000000000000000000000000000000000b2";
const e = (n: number) => parseEther(String(n));
type Body = EconomyEvent extends infer T
  ? T extends unknown
    ? Omit<T, "block" | "logIndex" | "tx">
    : never
  : never;

/** Events in order, one transaction each unless grouped in an inner array. */
function chain(...txs: (Body | Body[])[]): EconomyEvent[] {
  return txs.flatMap((t, i) =>
    (Array.isArray(t) ? t : [t]).map(
      (b, j) =>
        ({ ...b, block: BigInt(i + 1), logIndex: j, tx: `0x${(i + 1).toString(16)}` as Hex }) as EconomyEvent,
    ),
  );
}

// What the conservation check does not read from a posted epoch.
const POSTED = { activatesAt: 0n, leavesHash: "0x" as Hex };

// An advertiser escrows 10, a click pays 2 (viewer 1.2, owner 0.6, protocol 0.2), the viewer claims.
const fund: Body[] = [
  { kind: "CampaignCreated", campaignId: 1n, advertiser: ADV, budget: e(10), cpc: e(2) },
  { kind: "Transfer", from: ADV, to: MARKET, value: e(10) },
];
const epoch1: Body[] = [
  { kind: "CampaignSpendSettled", campaignId: 1n, epochId: 1n, spent: e(2), previous: 0n },
  { kind: "EpochPosted", epochId: 1n, root: "0x01", total: e(2), parent: 0n, ...POSTED },
  { kind: "EpochActivated", epochId: 1n },
];
const claim = (account: Address, amount: number, cumulative: number): Body[] => [
  { kind: "Claimed", account, amount: e(amount), cumulative: e(cumulative) },
  { kind: "Transfer", from: MARKET, to: account, value: e(amount) },
];
const leaves1: Leaf[] = [
  [VIEWER, e(1.2)],
  [OWNER, e(0.6)],
  [MARKET, e(0.2)],
];

describe("checkConservation", () => {
  it("passes a loop that adds up, with its totals", () => {
    const v = checkConservation({
      events: chain(fund, epoch1, claim(VIEWER, 1.2, 1.2)),
      adMarket: MARKET,
      leaves: new Map([[1n, leaves1]]),
      finalBalance: { block: 3n, balance: e(8.8) },
    });
    expect(v).toMatchObject({ ok: true, epochs: 1, leafChecked: 1, notes: [] });
    expect(v.totals).toEqual({
      budgets: e(10),
      withdrawn: 0n,
      spent: e(2),
      settled: e(2),
      claimed: e(1.2),
      escrow: e(8.8),
    });
  });

  it("names the epoch whose posted total is not the new spend", () => {
    const skewed = chain(fund, epoch1, [
      { kind: "CampaignSpendSettled", campaignId: 1n, epochId: 2n, spent: e(3), previous: e(2) },
      { kind: "EpochPosted", epochId: 2n, root: "0x02", total: e(5), parent: 1n, ...POSTED },
    ]);
    expect(checkConservation({ events: skewed, adMarket: MARKET }).break).toMatchObject({
      epoch: 2n,
      check: "total",
      reason: "the posted total grew by 3 HXA but campaigns' settled spend grew by 1 HXA",
      block: 3n,
    });
  });

  it("names the epoch whose leaves lower an account's cumulative, or do not add up to its total", () => {
    const events = chain(fund, epoch1, [
      { kind: "CampaignSpendSettled", campaignId: 1n, epochId: 2n, spent: e(4), previous: e(2) },
      { kind: "EpochPosted", epochId: 2n, root: "0x02", total: e(4), parent: 1n, ...POSTED },
    ]);
    const lower: Leaf[] = [
      [VIEWER, e(1)],
      [OWNER, e(2.8)],
      [MARKET, e(0.2)],
    ];
    const v = checkConservation({
      events,
      adMarket: MARKET,
      leaves: new Map([
        [1n, leaves1],
        [2n, lower],
      ]),
    });
    expect(v.break).toMatchObject({ epoch: 2n, check: "cumulative" });
    expect(v.break?.reason).toMatch(
      /0x00000000000000000000000000000000000000B1's cumulative earnings fell from 1.2 HXA to 1 HXA/i,
    );
    const short: Leaf[] = [[VIEWER, e(1.2)]];
    expect(
      checkConservation({ events, adMarket: MARKET, leaves: new Map([[1n, short]]) }).break,
    ).toMatchObject({
      epoch: 1n,
      check: "total",
      reason: "its leaves add up to 1.2 HXA, not the posted 2 HXA",
    });
  });

  it("does not hold a vetoed epoch to the rules, and checks the re-post against what it builds on", () => {
    const lower: Leaf[] = [
      [VIEWER, e(1)],
      [OWNER, e(2.8)],
      [MARKET, e(0.2)],
    ];
    const fixed: Leaf[] = [
      [VIEWER, e(2.4)],
      [OWNER, e(1.2)],
      [MARKET, e(0.4)],
    ];
    const events = chain(
      fund,
      epoch1,
      [
        { kind: "CampaignSpendSettled", campaignId: 1n, epochId: 2n, spent: e(4), previous: e(2) },
        { kind: "EpochPosted", epochId: 2n, root: "0x02", total: e(4), parent: 1n, ...POSTED },
      ],
      { kind: "EpochVetoed", epochId: 2n },
      { kind: "CampaignSpendUndone", campaignId: 1n, epochId: 2n, spent: e(2) },
      [
        { kind: "CampaignSpendSettled", campaignId: 1n, epochId: 3n, spent: e(4), previous: e(2) },
        { kind: "EpochPosted", epochId: 3n, root: "0x03", total: e(4), parent: 1n, ...POSTED },
        { kind: "EpochActivated", epochId: 3n },
      ],
    );
    const leaves = new Map([
      [1n, leaves1],
      [2n, lower],
      [3n, fixed],
    ]);
    const v = checkConservation({ events, adMarket: MARKET, leaves });
    expect(v).toMatchObject({ ok: true, epochs: 3, leafChecked: 2 });
    expect(v.totals).toMatchObject({ spent: e(4), settled: e(4) });
    // Building on the vetoed epoch instead is a break.
    const onVetoed = events.map((x) =>
      x.kind === "EpochPosted" && x.epochId === 3n ? { ...x, parent: 2n } : x,
    );
    expect(checkConservation({ events: onVetoed, adMarket: MARKET }).break).toMatchObject({
      epoch: 3n,
      check: "order",
    });
  });

  it("finds a campaign's spend falling or passing its budget", () => {
    const fell = chain(fund, epoch1, {
      kind: "CampaignSpendSettled",
      campaignId: 1n,
      epochId: 2n,
      spent: e(1),
      previous: e(2),
    });
    expect(checkConservation({ events: fell, adMarket: MARKET }).break).toMatchObject({
      epoch: 2n,
      check: "spend",
    });
    const over = chain(fund, {
      kind: "CampaignSpendSettled",
      campaignId: 1n,
      epochId: 1n,
      spent: e(11),
      previous: 0n,
    });
    expect(checkConservation({ events: over, adMarket: MARKET }).break?.reason).toBe(
      "campaign 1 settled 11 HXA, over its budget of 10 HXA",
    );
  });

  it("finds claims beyond what the active epoch settled, and claims before any activation", () => {
    const beyond = chain(fund, epoch1, claim(VIEWER, 1.2, 1.2), claim(OWNER, 1, 1));
    expect(checkConservation({ events: beyond, adMarket: MARKET }).break).toMatchObject({
      epoch: 1n,
      check: "claims",
      reason: "claims reached 2.2 HXA, over the 2 HXA the active epoch settled",
      block: 4n,
    });
    const early = chain(fund, epoch1.slice(0, 2), claim(VIEWER, 1.2, 1.2));
    expect(checkConservation({ events: early, adMarket: MARKET }).break).toMatchObject({
      epoch: null,
      check: "claims",
    });
  });

  it("finds escrow leaving AdMarket other than by withdrawal or claim, and notes HXA sent to it", () => {
    const drained = chain(fund, { kind: "Transfer", from: MARKET, to: ADV, value: e(1) });
    expect(checkConservation({ events: drained, adMarket: MARKET }).break).toMatchObject({
      epoch: null,
      check: "escrow",
      reason: "AdMarket holds 9 HXA but owes 10 HXA (budgets - withdrawn - claimed)",
      tx: "0x2",
    });
    const gift = chain(fund, { kind: "Transfer", from: ADV, to: MARKET, value: e(1) });
    const v = checkConservation({
      events: gift,
      adMarket: MARKET,
      finalBalance: { block: 9n, balance: e(10) },
    });
    expect(v.notes).toEqual([
      "1 HXA was sent to AdMarket outside any campaign (block 2); no one can withdraw it",
    ]);
    // A balance that moved without a log (the logs say 11) is a break too.
    expect(v.break).toMatchObject({ check: "escrow", block: 9n, tx: null });
  });
});
