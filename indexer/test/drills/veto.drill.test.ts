// Settlement on a real chain's clock: a 1-day challenge period, hourly epochs under continuous
// clicks (chain time moved with evm_setNextBlockTimestamp + evm_mine). Every epoch activates one
// window after its post and claims pay; a skewed root posted with the settler key is vetoed by
// the watcher inside its window, and the indexer's settler undoes it, re-cuts its clicks and
// re-posts an epoch that activates and pays.
import { indexerLeaves, verifyEconomy } from "@hexads/economy";
import { leafFile, leavesHash, parseLeafFile } from "@hexads/protocol";
import { cellToParent, latLngToCell } from "h3-js";
import { formatEther, type Hex, parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hexTokenAbi } from "../../src/chain/abis.js";
import { buildEpochTree } from "../../src/settlement/buildEpochTree.js";
import { type EpochReport, EpochWatcher } from "../../src/settlement/watcher.js";
import { adMarketHelpers, createCampaign, type LocalChain, localChain } from "../support/chain.js";
import { freshDatabaseUrl } from "../support/databases.js";
import { chainTimeTo, type MoneyIndexer, moneyIndexer, newViewer, type Viewer } from "../support/money.js";

const DAY = 86_400;
const HOUR = 3_600;
const CPC = parseEther("1");
const PARIS = latLngToCell(48.8566, 2.3522, 7);
const ATTACKER: Hex = "0x00000000000000000000000000000000000000ee";
const INDEXER = "http://indexer.test";

describe("veto drill: 1-day window, hourly epochs, a skewed root vetoed mid-stream", () => {
  let chain: LocalChain;
  let ix: MoneyIndexer;
  let watcher: EpochWatcher;
  const clock = { now: 0 };
  const reports: EpochReport[] = [];
  const { market, read, mined: send } = adMarketHelpers(() => chain);
  const logTime = async (eventName: "EpochPosted" | "EpochActivated", epochId: bigint) => {
    const [log] = await chain.publicClient.getContractEvents({
      ...market(),
      eventName,
      args: { epochId },
      fromBlock: BigInt(chain.deployment.deployBlock),
    });
    if (!log) throw new Error(`no ${eventName} for epoch ${epochId}`);
    return Number((await chain.publicClient.getBlock({ blockNumber: log.blockNumber })).timestamp);
  };
  const activatesAt = async (epochId: bigint) =>
    Number((await read<{ activatesAt: number }>("getEpoch", [epochId])).activatesAt);
  const advanceTo = async (t: number) => {
    clock.now = t;
    await chainTimeTo(chain, t);
  };
  /** `n` new viewers each click the campaign's ad once (paid clicks, credited off-chain). */
  const clicks = async (n: number) => {
    const viewers: Viewer[] = [];
    for (let i = 0; i < n; i++) {
      const v = newViewer();
      const [ad] = await ix.ads(PARIS, await ix.openSession(v));
      if (!ad) throw new Error("no ad served");
      expect((await ix.click(v, ad.token)).status).toBe(201);
      viewers.push(v);
    }
    return viewers;
  };
  /** One settler round, then the follower and the watcher catch up; returns the epoch posted, if any. */
  const settle = async () => {
    const posted = await ix.settler.tick();
    await ix.follower.syncOnce();
    return posted;
  };
  const watch = async () => {
    const got = await watcher.poll();
    reports.push(...got);
    return got;
  };
  /** Claims `account`'s earnings through the API's proof; returns what it received. */
  const claim = async (account: Hex) => {
    const { body } = await ix.call<{ claim: { cumulative: string; proof: Hex[] } | null }>(
      "GET",
      `/accounts/${account}/earnings`,
    );
    if (!body.claim) throw new Error(`nothing claimable for ${account}`);
    const balance = () =>
      chain.publicClient.readContract({
        address: chain.deployment.HexToken,
        abi: hexTokenAbi,
        functionName: "balanceOf",
        args: [account],
      });
    const before = await balance();
    await send(
      chain.deployer.writeContract({
        ...market(),
        functionName: "claim",
        args: [account, BigInt(body.claim.cumulative), body.claim.proof],
      }),
    );
    return (await balance()) - before;
  };
  /**
   * Clicks go on while time runs to one second before `epochId`'s activation (it cannot activate
   * yet), then to its activation, where the settler's round activates it and posts the hour's clicks.
   */
  const activate = async (epochId: bigint) => {
    const at = await activatesAt(epochId);
    expect(at).toBe((await logTime("EpochPosted", epochId)) + DAY);
    await advanceTo(at - 1);
    await expect(
      chain.publicClient.simulateContract({ ...market(), functionName: "activateEpoch", args: [epochId] }),
    ).rejects.toThrow(/ChallengePeriodActive/);
    await clicks(1);
    await advanceTo(at);
    const posted = await settle();
    expect(await read<bigint>("activeEpochId")).toBe(epochId);
    // Activated in the first round after its window: one window after its post, to the round.
    expect((await logTime("EpochActivated", epochId)) - at).toBeLessThan(60);
    expect(await watch()).toEqual(posted ? [{ epochId: posted, outcome: "ok" }] : []);
  };

  beforeAll(async () => {
    chain = await localChain({ CHALLENGE_PERIOD: String(DAY) });
    clock.now = Number((await chain.publicClient.getBlock()).timestamp) + 1;
    const alice = chain.users[0] as LocalChain["users"][number];
    await createCampaign(chain, {
      from: alice,
      budget: "100",
      cpc: formatEther(CPC),
      start: clock.now - 1,
      end: clock.now + 7 * DAY,
      creative: "data:,paris",
      targets: [cellToParent(PARIS, 5)],
    });
    ix = await moneyIndexer(chain, { databaseUrl: await freshDatabaseUrl() }, clock);
    await ix.follower.syncOnce();
    watcher = new EpochWatcher({
      client: chain.publicClient,
      contracts: chain.deployment,
      leafFile: indexerLeaves(INDEXER, (url) => Promise.resolve(ix.app.request(url))),
      guardian: chain.deployer,
      missingFileGrace: 600,
      report: () => {},
    });
  });
  afterAll(async () => {
    await ix?.close();
    await chain?.stop();
  });

  it("hourly epochs wait one window each, activate on their own clock, and claims pay", async () => {
    const first = await clicks(2);
    for (let k = 1n; k <= 3n; k++) {
      if (k > 1n) await clicks(2);
      await advanceTo(clock.now + HOUR);
      expect(await settle()).toBe(k);
      expect(await watch()).toEqual([{ epochId: k, outcome: "ok" }]);
    }
    expect(await read<bigint>("activeEpochId")).toBe(0n); // a day has not passed yet
    await activate(1n); // and posts epoch 4
    expect(await claim(first[0]?.address as Hex)).toBe(parseEther("0.6"));
    await activate(2n); // posts 5
    await activate(3n); // posts 6
    expect(await read<bigint>("lastEpochId")).toBe(6n);
  });

  it("a skewed root posted with the settler key is vetoed by the watcher; the settler re-cuts, re-posts, and it pays", async () => {
    const victims = await clicks(2);
    await advanceTo(clock.now + HOUR);
    // The settler key posts epoch 7: the hour's 2 clicks settled, but paid to an attacker.
    const parent = parseLeafFile(await (await ix.app.request("/epochs/6/leaves.csv")).text());
    const skewed = leafFile([...parent, { account: ATTACKER, cumulative: 2n * CPC }]);
    const { spent } = await read<{ spent: bigint }>("getCampaign", [1n]);
    await send(
      chain.deployer.writeContract({
        ...market(),
        functionName: "postEpoch",
        args: [
          7n,
          (await buildEpochTree(parseLeafFile(skewed))).root,
          (await read<bigint>("settledTotal")) + 2n * CPC,
          clock.now,
          leavesHash(skewed),
          [1n],
          [spent + 2n * CPC],
        ],
      }),
    );
    // The indexer's settler will not build on an epoch it did not post while it may be vetoed.
    await expect(ix.settler.tick()).rejects.toThrow(/epoch 7 on-chain was not posted by this settler/);

    // The indexer never built epoch 7: its leaf file is not to be had, and is not needed to judge
    // it either way. Serve the attacker's own file, so the veto is for what the root pays.
    const fromIndexer = indexerLeaves(INDEXER, (url) => Promise.resolve(ix.app.request(url)));
    const withSkewed = new EpochWatcher({
      client: chain.publicClient,
      contracts: chain.deployment,
      leafFile: async (id) => (id === 7n ? skewed : fromIndexer(id)),
      guardian: chain.deployer,
      missingFileGrace: 600,
      report: () => {},
    });
    const verdicts = await withSkewed.poll();
    expect(verdicts.filter((r) => r.outcome !== "ok")).toEqual([
      {
        epochId: 7n,
        outcome: "vetoed",
        reason: "the treasury's leaf grew by 0 HXA, less than the protocol's share 0.2 HXA",
        tx: expect.stringMatching(/^0x/),
      },
    ]);
    expect(Number((await chain.publicClient.getBlock()).timestamp)).toBeLessThan(await activatesAt(7n));
    expect((await read<{ status: number }>("getEpoch", [7n])).status).toBe(2); // vetoed
    expect(await read<bigint>("goodEpochId")).toBe(6n);

    // The settler undoes epoch 7's spend and posts the same clicks, correctly, as epoch 8.
    expect(await settle()).toBe(8n);
    expect(await read<bigint>("undoEpochId")).toBe(0n);
    expect(await watch()).toEqual([{ epochId: 8n, outcome: "ok" }]);
    const { body } = await ix.call<{ epochs: { id: string; status: string }[] }>("GET", "/epochs?limit=20");
    const status = Object.fromEntries(body.epochs.map((e) => [e.id, e.status]));
    expect(status).toMatchObject({
      "1": "superseded",
      "3": "active",
      "6": "pending",
      "7": "vetoed",
      "8": "pending",
    });

    for (const k of [4n, 5n, 6n, 8n]) await activate(k);
    for (const v of victims) expect(await claim(v.address as Hex)).toBe(parseEther("0.6"));
    const attacker = await ix.call<{ claim: unknown }>("GET", `/accounts/${ATTACKER}/earnings`);
    expect(attacker.body.claim).toBeNull();
    expect(reports.every((r) => r.outcome === "ok")).toBe(true); // the honest epochs all passed
    const verdict = await verifyEconomy(chain.publicClient, chain.deployment);
    expect(verdict.break).toBeUndefined();
  });
});
