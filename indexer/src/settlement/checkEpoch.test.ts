import { leafFile } from "@hexads/protocol";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Hex, parseEther } from "viem";
import { describe, expect, it } from "vitest";
import { checkEpoch, type PostedEpoch } from "./checkEpoch.js";

const VIEWER: Hex = "0x00000000000000000000000000000000000000b1";
const OWNER: Hex = "0x00000000000000000000000000000000000000b2";
const TREASURY: Hex = "0x00000000000000000000000000000000000000cc";
const ATTACKER: Hex = "0x00000000000000000000000000000000000000ee";
const e = (n: string) => parseEther(n);
const split = { viewerBps: 6_000, ownerBps: 3_000, protocolBps: 1_000 };

type Leaves = [Hex, bigint][];
const root = (leaves: Leaves) =>
  StandardMerkleTree.of(
    leaves.map(([a, c]) => [a, c.toString()]),
    ["address", "uint256"],
  ).root as Hex;
const file = (leaves: Leaves) => leafFile(leaves.map(([account, cumulative]) => ({ account, cumulative })));

// Parent: one 1-HXA click paid viewer 0.6, owner 0.3, protocol 0.1. This epoch: two more clicks
// of the same campaign (cpc 1), one on an unowned plot (its owner share goes to the treasury).
const parent = new Map<Hex, bigint>([
  [VIEWER, e("0.6")],
  [OWNER, e("0.3")],
  [TREASURY, e("0.1")],
]);
const good: Leaves = [
  [VIEWER, e("1.8")],
  [OWNER, e("0.6")],
  [TREASURY, e("0.6")],
];
const epochOf = (leaves: Leaves, over: Partial<PostedEpoch> = {}): PostedEpoch => ({
  epochId: 2n,
  root: root(leaves),
  total: leaves.reduce((s, [, c]) => s + c, 0n),
  parentTotal: e("1"),
  spends: [{ campaignId: 1n, added: e("2"), cpc: e("1") }],
  splits: [split],
  treasury: TREASURY,
  ...over,
});
const check = (leaves: Leaves, over: Partial<PostedEpoch> = {}, text = file(leaves)) =>
  checkEpoch(epochOf(leaves, over), text, parent);

describe("checkEpoch", () => {
  it("passes an epoch whose leaves grow by exactly its clicks, split as configured", async () => {
    const v = await check(good);
    expect(v.ok).toBe(true);
    expect(v.ok && v.leaves.get(VIEWER)).toBe(e("1.8"));
  });

  it("passes a first epoch against no parent", async () => {
    const first: Leaves = [
      [VIEWER, e("0.6")],
      [OWNER, e("0.3")],
      [TREASURY, e("0.1")],
    ];
    const v = await checkEpoch(
      epochOf(first, { parentTotal: 0n, spends: [{ campaignId: 1n, added: e("1"), cpc: e("1") }] }),
      file(first),
      new Map(),
    );
    expect(v.ok).toBe(true);
  });

  it("rejects a root the leaf file does not build", async () => {
    const v = await check(good, { root: root([[ATTACKER, e("3")]]) });
    expect(v).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/builds root 0x[0-9a-f]{64}, not the posted/),
    });
  });

  it("rejects leaves that add up to more than the posted total", async () => {
    const v = await check(good, { total: e("2.9") });
    expect(v).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/add up to 3 HXA, not the posted 2.9 HXA/),
    });
  });

  it("rejects an account whose cumulative falls", async () => {
    const skewed: Leaves = [
      [VIEWER, e("1.9")],
      [OWNER, e("0.2")],
      [TREASURY, e("0.9")],
    ];
    expect(await check(skewed)).toMatchObject({
      ok: false,
      reason: `${OWNER}'s cumulative fell from 0.3 HXA to 0.2 HXA`,
    });
  });

  it("rejects leaves that pay more than campaigns spent, with a total to match", async () => {
    const inflated: Leaves = [...good, [ATTACKER, e("5")]];
    expect(await check(inflated)).toMatchObject({
      ok: false,
      reason: "its leaves grew by 7 HXA but campaigns spent 2 HXA",
    });
  });

  it("rejects shares moved from the treasury to another account", async () => {
    const stolen: Leaves = [
      [VIEWER, e("1.8")],
      [OWNER, e("0.6")],
      [TREASURY, e("0.1")],
      [ATTACKER, e("0.5")],
    ];
    expect(await check(stolen)).toMatchObject({
      ok: false,
      reason: "the treasury's leaf grew by 0 HXA, less than the protocol's share 0.2 HXA",
    });
  });

  it("holds the treasury to the least protocol share among the splits in force since the parent", async () => {
    // setSplit raised the protocol to 30 % after one of the two clicks was credited at 10 %:
    // the treasury's 0.5 HXA (0.1 + 0.3 unowned + 0.1) is short of 2 × 0.3 but not of 2 × 0.1.
    const raised = { viewerBps: 4_000, ownerBps: 3_000, protocolBps: 3_000 };
    expect(await check(good, { splits: [split, raised] })).toMatchObject({ ok: true });
    expect(await check(good, { splits: [raised] })).toMatchObject({
      ok: false,
      reason: "the treasury's leaf grew by 0.5 HXA, less than the protocol's share 0.6 HXA",
    });
  });

  it("rejects spend that is not whole clicks", async () => {
    const v = await check(good, { spends: [{ campaignId: 1n, added: e("2"), cpc: e("0.3") }] });
    expect(v).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/campaign 1's spend grew by 2 HXA, not a whole/),
    });
  });

  it("rejects a malformed file, a duplicated account and an empty file", async () => {
    expect(await check(good, {}, "account,amount\n")).toMatchObject({
      ok: false,
      reason: "its leaf file is malformed (not a leaf file)",
    });
    const twice = `account,cumulative\n${VIEWER},1\n${VIEWER},2\n`;
    expect(await check(good, {}, twice)).toMatchObject({
      ok: false,
      reason: `its leaf file lists ${VIEWER} twice`,
    });
    expect(await check(good, {}, "account,cumulative\n")).toMatchObject({
      ok: false,
      reason: "its leaf file has no leaves",
    });
  });
});
