import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { leafFile, leavesHash, splitClick } from "@hexads/protocol";
import { cellToParent, latLngToCell } from "h3-js";
import { formatEther, getAddress, type Hex, keccak256, parseEther, toHex } from "viem";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatNotice, runWatch } from "../../tools/watch.js";
import { buildEpochTree } from "../src/settlement/buildEpochTree.js";
import {
  dirLeafFiles,
  type EpochReport,
  EpochWatcher,
  type GovernanceNotice,
} from "../src/settlement/watcher.js";
import { adMarketHelpers, createCampaign, type LocalChain, localChain } from "./support/chain.js";

const DAY = 86_400;
const GRACE = 600;
const CPC = parseEther("1");
const VIEWER: Hex = "0x00000000000000000000000000000000000000b1";
const ATTACKER: Hex = "0x00000000000000000000000000000000000000ee";
const OWNER: Hex = "0x00000000000000000000000000000000000000b2";
const EPOCH_VETOED = 2;

// The watcher against real AdMarket epochs posted with the settler key, leaf files in a directory.
describe("epoch watcher (anvil, 1-day challenge period)", () => {
  let chain: LocalChain;
  let dir: string;
  const { market, read, mined } = adMarketHelpers(() => chain);
  const chainTime = async () => Number((await chain.publicClient.getBlock()).timestamp);

  /** `clicks` clicks of campaign 1 by VIEWER on an unowned plot: leaves as the settler credits them. */
  const honestLeaves = async (clicks: bigint) => {
    const [viewerBps, ownerBps, protocolBps] = await read<[number, number, number]>("split");
    const s = splitClick(CPC, { viewerBps, ownerBps, protocolBps });
    return [
      { account: VIEWER, cumulative: clicks * s.viewer },
      {
        account: chain.deployment.treasury.toLowerCase() as Hex,
        cumulative: clicks * (s.owner + s.protocol),
      },
    ];
  };
  /** Posts epoch `id` settling campaign 1 up to `spent`; writes its leaf file unless `publish` is false. */
  const post = async (
    id: bigint,
    leaves: { account: Hex; cumulative: bigint }[],
    spent: bigint | undefined,
    publish = true,
  ) => {
    const text = leafFile(leaves);
    if (publish) writeFileSync(join(dir, `${id}.csv`), text);
    const total = leaves.reduce((s, l) => s + l.cumulative, 0n);
    await mined(
      chain.deployer.writeContract({
        ...market(),
        functionName: "postEpoch",
        args: [
          id,
          (await buildEpochTree(leaves)).root,
          total,
          await chainTime(),
          leavesHash(text),
          spent === undefined ? [] : [1n],
          spent === undefined ? [] : [spent],
        ],
      }),
    );
  };
  const watcher = (guardian: boolean, undo = false) => {
    const reports: EpochReport[] = [];
    const w = new EpochWatcher({
      client: chain.publicClient,
      contracts: chain.deployment,
      leafFile: dirLeafFiles(dir),
      ...(guardian ? { guardian: chain.deployer } : {}),
      ...(undo ? { undo: { chunkSize: 1 } } : {}),
      missingFileGrace: GRACE,
      report: (r) => reports.push(r),
    });
    return { w, reports };
  };
  const moveTime = async (seconds: number) => {
    await chain.testClient.increaseTime({ seconds });
    await chain.testClient.mine({ blocks: 1 });
  };

  beforeAll(async () => {
    chain = await localChain({ CHALLENGE_PERIOD: String(DAY) });
    dir = mkdtempSync(join(tmpdir(), "hexads-watch-"));
    const alice = chain.users[0] as LocalChain["users"][number];
    const now = await chainTime();
    await createCampaign(chain, {
      from: alice,
      budget: "10",
      cpc: formatEther(CPC),
      start: now,
      end: now + 7 * DAY,
      targets: [cellToParent(latLngToCell(48.8566, 2.3522, 7), 5)],
    });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await chain?.stop();
  });

  it("passes an honest epoch and prints it (npm run watch -- --once exits 0)", async () => {
    await post(1n, await honestLeaves(2n), 2n * CPC);
    const { w, reports } = watcher(true);
    expect(await w.poll()).toEqual([{ epochId: 1n, outcome: "ok" }]);
    expect(await w.poll()).toEqual([]); // each epoch is reported once
    expect(reports).toHaveLength(1);

    const deploymentFile = join(dir, "deployment.json");
    writeFileSync(deploymentFile, JSON.stringify(chain.deployment));
    const lines: string[] = [];
    const args = ["--rpc", chain.anvil.rpcUrl, "--deployment", deploymentFile, "--leaves", dir, "--once"];
    expect(
      await runWatch(
        args,
        {},
        (l) => lines.push(l),
        () => {},
      ),
    ).toBe(0);
    expect(lines).toEqual(["epoch 1: ok"]);
  });

  it("refuses to start on input it cannot use (exit 2): no leaf source, a key that is not the guardian", async () => {
    const errors: string[] = [];
    const err = (l: string) => errors.push(l);
    expect(await runWatch(["--rpc", chain.anvil.rpcUrl], {}, () => {}, err)).toBe(2);
    expect(errors[0]).toMatch(/--rpc and --indexer or --leaves are needed/);
    const notGuardian = { GUARDIAN_PRIVATE_KEY: keccak256(toHex("someone else")) };
    const args = ["--rpc", chain.anvil.rpcUrl, "--market", chain.deployment.AdMarket, "--from-block", "0"];
    expect(await runWatch([...args, "--leaves", dir, "--once"], notGuardian, () => {}, err)).toBe(2);
    expect(errors[1]).toMatch(/does not hold GUARDIAN_ROLE/);
    expect(await runWatch([...args, "--leaves", dir, "--poll", "soon"], {}, () => {}, err)).toBe(2);
    expect(errors[2]).toMatch(/--poll must be a whole number/);
  });

  it("follows the chain until stopped: a post after it started is judged too", async () => {
    const deploymentFile = join(dir, "deployment.json");
    const args = [
      "--rpc",
      chain.anvil.rpcUrl,
      "--deployment",
      deploymentFile,
      "--leaves",
      dir,
      "--poll",
      "1",
    ];
    const lines: string[] = [];
    const stop = new AbortController();
    const run = runWatch(
      args,
      {},
      (l) => lines.push(l),
      () => {},
      stop.signal,
    );
    await vi.waitUntil(() => lines.length === 1, { timeout: 20_000 });
    await post(2n, await honestLeaves(3n), 3n * CPC);
    await vi.waitUntil(() => lines.length === 2, { timeout: 20_000 });
    stop.abort();
    expect(await run).toBe(0);
    expect(lines).toEqual(["epoch 1: ok", "epoch 2: ok"]);
  });

  it("waits for a missing leaf file, then vetoes the epoch before its window closes", async () => {
    // Epoch 3 settles nothing new (so its veto leaves no spend to undo) and publishes no file.
    await post(3n, await honestLeaves(3n), undefined, false);
    const { w } = watcher(true);
    expect(await w.poll()).toEqual([
      { epochId: 1n, outcome: "ok" },
      { epochId: 2n, outcome: "ok" },
      { epochId: 3n, outcome: "waiting", reason: "its leaf file cannot be had" },
    ]);
    const { activatesAt } = await read<{ activatesAt: number }>("getEpoch", [3n]);
    await moveTime(activatesAt - (await chainTime()) - GRACE - 60);
    expect(await w.poll()).toEqual([]); // still waiting, said once
    await moveTime(60);
    const [vetoed] = await w.poll();
    expect(vetoed).toMatchObject({
      epochId: 3n,
      outcome: "vetoed",
      reason: `its leaf file cannot be had and it activates at ${activatesAt}`,
    });
    expect(await chainTime()).toBeLessThan(activatesAt);
    expect((await read<{ status: number }>("getEpoch", [3n])).status).toBe(EPOCH_VETOED);
  });

  it("reports a skewed epoch without a guardian key and vetoes it with one", async () => {
    // One more click, but the root pays it all to an attacker: the treasury's share is missing.
    const [viewer, treasury] = await honestLeaves(3n);
    const skewed = [viewer, treasury, { account: ATTACKER, cumulative: CPC }] as {
      account: Hex;
      cumulative: bigint;
    }[];
    await post(4n, skewed, 4n * CPC);
    const reason = /the treasury's leaf grew by 0 HXA, less than the protocol's share/;

    const bystander = watcher(false);
    const [seen] = (await bystander.w.poll()).filter((r) => r.epochId === 4n);
    expect(seen).toMatchObject({
      outcome: "bad",
      reason: expect.stringMatching(/no guardian key: not vetoed/),
    });
    expect(seen?.reason).toMatch(reason);
    expect((await read<{ status: number }>("getEpoch", [4n])).status).toBe(1);

    const guardian = watcher(true, true);
    const [vetoed, undone] = (await guardian.w.poll()).filter((r) => r.epochId === 4n);
    expect(vetoed).toMatchObject({ outcome: "vetoed", tx: expect.stringMatching(/^0x/) });
    expect(vetoed?.reason).toMatch(reason);
    expect((await read<{ status: number }>("getEpoch", [4n])).status).toBe(EPOCH_VETOED);
    // With --undo the guardian also puts the campaign's spend back (the settler does otherwise).
    expect(undone).toEqual({ epochId: 4n, outcome: "undone", reason: "1 campaign spend change undone" });
    expect(await read<bigint>("undoEpochId")).toBe(0n);
    expect((await read<{ spent: bigint }>("getCampaign", [1n])).spent).toBe(3n * CPC);
  });

  it("judges clicks credited before a setSplit by the split they were credited under", async () => {
    // A fourth click on an owned plot is credited at 10 % protocol; then the admin raises the
    // protocol to 20 % before the epoch is posted. The treasury's 0.1 HXA is honest.
    const [viewer, treasury] = await honestLeaves(3n);
    const click = splitClick(CPC, { viewerBps: 6_000, ownerBps: 3_000, protocolBps: 1_000 });
    const leaves = [
      { account: viewer?.account as Hex, cumulative: (viewer?.cumulative ?? 0n) + click.viewer },
      { account: treasury?.account as Hex, cumulative: (treasury?.cumulative ?? 0n) + click.protocol },
      { account: OWNER, cumulative: click.owner },
    ];
    await mined(
      chain.deployer.writeContract({ ...market(), functionName: "setSplit", args: [6_000, 2_000, 2_000] }),
    );
    await post(5n, leaves, 4n * CPC);
    const { w } = watcher(true);
    expect((await w.poll()).filter((r) => r.epochId === 5n)).toEqual([{ epochId: 5n, outcome: "ok" }]);
  });

  it("says when a settler grant or a guardian revoke is scheduled, and from when", async () => {
    const role = await read<Hex>("SETTLER_ROLE");
    await mined(
      chain.deployer.writeContract({
        ...market(),
        functionName: "scheduleRoleGrant",
        args: [role, ATTACKER],
      }),
    );
    const readyAt = BigInt(await chainTime()) + BigInt(DAY);
    const notices: GovernanceNotice[] = [];
    const w = new EpochWatcher({
      client: chain.publicClient,
      contracts: chain.deployment,
      leafFile: dirLeafFiles(dir),
      missingFileGrace: GRACE,
      report: () => {},
      notice: (n) => notices.push(n),
    });
    await w.poll();
    expect(notices.map(formatNotice)).toContain(
      `notice: the settler role is scheduled to be granted to ${getAddress(ATTACKER)} (from ${new Date(Number(readyAt) * 1000).toISOString()})`,
    );
  });
});
