import type { Deployment } from "@hexads/protocol";
import { leafFile, leavesHash } from "@hexads/protocol";
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import type { Logger } from "pino";
import {
  type Account,
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import type { SettlementStatus } from "../api/schemas/status.js";
import { adMarketAbi } from "../chain/abis.js";
import { readAdMarket } from "../chain/readAdMarket.js";
import { attributeOwnerShares } from "../clicks/attributeOwnerShares.js";
import { type CtrLimit, DEFAULT_CTR_LIMIT } from "../clicks/checks/ctrOutlier.js";
import { CREDIT_LOCK } from "../clicks/creditClick.js";
import type { Db } from "../db/client.js";
import {
  blocks,
  campaigns,
  clicks,
  credits,
  epochLeaves,
  ipWindows,
  settlementEpochs,
} from "../db/schema.js";
import { SettlementHaltedError } from "../errors.js";
import { buildEpochTree, type Leaf } from "./buildEpochTree.js";
import { undoCalls } from "./undoCalls.js";
import { withholdOutliers } from "./withholdOutliers.js";

export type { SettlementStatus };

/** IAdMarket.EpochStatus.Pending. */
const EPOCH_PENDING = 1;

export interface SettlerOptions {
  db: Db;
  client: PublicClient;
  wallet: WalletClient & { account: Account };
  deployment: Deployment;
  epochSeconds: number;
  /** Campaigns per settleSpend/postEpoch call. */
  chunkSize: number;
  /**
   * Depth below which reorgs are assumed not to reach. An epoch only settles clicks whose chain
   * position (`clicks.at_block`) is this deep, and counts as posted only once its postEpoch is.
   */
  confirmations: number;
  log: Logger;
  now?: () => number;
  /** Cells and hours whose click-through rate is far above their peers' are withheld (withholdOutliers). */
  ctr?: CtrLimit;
  /** Test hooks: called after the epoch is persisted, and after it is posted but before it is recorded. */
  hooks?: { afterBuild?: (epochId: bigint) => Promise<void>; afterPost?: (epochId: bigint) => Promise<void> };
}

type EpochRow = typeof settlementEpochs.$inferSelect;

/**
 * Posts settlement epochs. Each epoch is built and persisted (root, leaves, spends, cutoff) before
 * anything is sent; on restart a persisted epoch the chain has not seen is re-sent with exactly the
 * same content, and one the chain has seen is only recorded. So an epoch is never posted twice,
 * nor with different content. After every epoch, conservation is checked against the chain.
 *
 * Reorgs (up to `confirmations` deep) never take back what was settled: an epoch is cut only from
 * clicks whose chain position is final, with owner shares re-derived at that position
 * (attributeOwnerShares), and it stays "built" until its postEpoch is final too. A reorg that drops
 * the postEpoch transaction before that simply has the same epoch sent again.
 */
export class Settler {
  private readonly state: SettlementStatus;
  private readonly market: { address: Address; abi: typeof adMarketAbi };
  /** An epoch is on-chain but not final yet: look again soon rather than in a whole period. */
  private awaitingFinality = false;

  constructor(private readonly o: SettlerOptions) {
    this.market = { address: o.deployment.AdMarket, abi: adMarketAbi };
    this.state = {
      halted: null,
      lastEpochId: null,
      lastPostedAt: null,
      epochSeconds: o.epochSeconds,
      nextRoundAt: null,
      conservation: null,
    };
  }

  status(): SettlementStatus {
    return this.state;
  }

  /** Settles every `epochSeconds` until `signal` aborts or settlement halts. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted && !this.state.halted) {
      this.state.nextRoundAt = null;
      try {
        await this.tick();
      } catch (err) {
        if (err instanceof SettlementHaltedError) {
          this.state.halted = err.message;
          this.o.log.fatal({ err }, "SETTLEMENT HALTED: conservation or consistency check failed");
          return;
        }
        this.o.log.error({ err }, "settlement attempt failed; retrying next period");
      }
      await new Promise<void>((r) => {
        const done = () => {
          clearTimeout(t);
          signal.removeEventListener("abort", done);
          r();
        };
        this.state.nextRoundAt = Math.floor(Date.now() / 1000) + this.o.epochSeconds;
        const t = setTimeout(
          done,
          Math.min(this.o.epochSeconds, this.awaitingFinality ? 2 : Infinity) * 1000,
        );
        signal.addEventListener("abort", done, { once: true });
      });
    }
  }

  /** One round: finish an epoch left half-done, or build and post a new one. Returns its id, if any. */
  async tick(): Promise<bigint | undefined> {
    if (this.state.halted) throw new SettlementHaltedError(this.state.halted);
    const [last] = await this.o.db
      .select()
      .from(settlementEpochs)
      .orderBy(desc(settlementEpochs.id))
      .limit(1);
    await this.activateDue();
    await this.recoverFromVeto();
    // Rate-limit windows older than a day can no longer limit anything.
    const now = this.o.now?.() ?? Math.floor(Date.now() / 1000);
    await this.o.db.delete(ipWindows).where(lt(ipWindows.windowStart, now - 86_400));
    // A restarted settler first re-checks the last posted epoch: a broken ledger stays halted.
    if (last?.status === "posted" && this.state.conservation === null) await this.checkConservation(last);
    const built = last?.status === "built" ? last : await this.build();
    if (!built) return undefined;
    let posted: EpochRow | undefined;
    try {
      posted = await this.send(built);
    } catch (err) {
      const closed = closedCampaign(err);
      if (closed === undefined) throw err;
      await this.dropClosed(built, closed);
      // Cut again without them at once: one closed campaign must not hold the others' earnings back.
      return this.tick();
    }
    if (!posted) return undefined;
    await this.checkConservation(posted);
    return posted.id;
  }

  /**
   * Activates the newest pending epoch whose challenge period is over (roots are cumulative, so it
   * supersedes the due ones below it). Anyone may; the settler does it so that claims open without
   * anyone having to remember.
   */
  async activateDue(): Promise<bigint | undefined> {
    const [last, active, block] = await Promise.all([
      this.read<bigint>("lastEpochId"),
      this.read<bigint>("activeEpochId"),
      this.o.client.getBlock({ blockTag: "latest" }),
    ]);
    // activatesAt never decreases along the queue: the newest due epoch is the first found from the top.
    for (let id = last; id > active; id--) {
      const e = await this.read<{ status: number; activatesAt: number }>("getEpoch", [id]);
      if (e.status !== EPOCH_PENDING || BigInt(e.activatesAt) > block.timestamp) continue;
      await this.write("activateEpoch", [id]);
      this.o.log.info({ epochId: id.toString() }, "epoch activated");
      return id;
    }
    return undefined;
  }

  /**
   * After a veto: every epoch built here above the chain's newest non-vetoed one is vetoed. Their
   * credits go back to be re-cut into the next epoch, and their spend changes are undone on-chain
   * (newest first, replayed from the chain's own CampaignSpendSettled logs) so the next post can build
   * on the last good state. Returns the lowest vetoed id, if any.
   */
  async recoverFromVeto(): Promise<bigint | undefined> {
    const [good, last] = await Promise.all([
      this.read<bigint>("goodEpochId"),
      this.read<bigint>("lastEpochId"),
    ]);
    const [stale] = await this.o.db
      .select({ id: sql<string | null>`min(${settlementEpochs.id})::text` })
      .from(settlementEpochs)
      .where(
        and(
          gt(settlementEpochs.id, good),
          lte(settlementEpochs.id, last),
          inArray(settlementEpochs.status, ["built", "posted"]),
        ),
      );
    const from = stale?.id ? BigInt(stale.id) : undefined;
    if (from !== undefined) {
      await this.o.db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${CREDIT_LOCK.toString()})`);
        await tx.update(credits).set({ epochId: null }).where(gte(credits.epochId, from));
        await tx.update(settlementEpochs).set({ status: "vetoed" }).where(gte(settlementEpochs.id, from));
      });
      this.state.conservation = null;
      this.o.log.warn(
        { from: from.toString(), good: good.toString() },
        "epochs vetoed: credits go back to be re-cut",
      );
    }
    for (
      let e = await this.read<bigint>("undoEpochId");
      e !== 0n;
      e = await this.read<bigint>("undoEpochId")
    ) {
      await this.undo(e);
    }
    return from;
  }

  /** Undoes every spend change of vetoed epoch `epochId`, last first, `chunkSize` changes a call. */
  private async undo(epochId: bigint): Promise<void> {
    const calls = await undoCalls(this.o.client, this.o.deployment, epochId, this.o.chunkSize);
    for (const args of calls) await this.write("undoVetoedSpend", args);
    const changes = calls.reduce((n, [, , c]) => n + c.length, 0);
    this.o.log.info({ epochId: epochId.toString(), changes }, "vetoed epoch's spend undone");
  }

  private read<T>(functionName: string, args: unknown[] = []): Promise<T> {
    return readAdMarket<T>(this.o.client, this.market.address, functionName, args);
  }

  /**
   * Cuts the next epoch, or returns undefined when there is nothing to settle. It builds on the
   * chain's newest non-vetoed epoch, which must be the newest posted here, and takes the chain's
   * next id (vetoed ids, ours or another key's, are never reused).
   */
  async build(): Promise<EpochRow | undefined> {
    const [chainLast, good] = await Promise.all([
      this.read<bigint>("lastEpochId"),
      this.read<bigint>("goodEpochId"),
    ]);
    const [newest] = await this.o.db
      .select({ id: settlementEpochs.id })
      .from(settlementEpochs)
      .where(eq(settlementEpochs.status, "posted"))
      .orderBy(desc(settlementEpochs.id))
      .limit(1);
    const mine = newest?.id ?? 0n;
    if (good !== mine) {
      const e = await this.read<{ status: number }>("getEpoch", [good]);
      // Another holder of the settler key posted it (a leaked key, a second settler). While it is
      // pending the guardian can still veto it: wait for that rather than build on it.
      if (good > mine && good > (await this.read<bigint>("activeEpochId")) && e.status === EPOCH_PENDING) {
        throw new Error(
          `epoch ${good} on-chain was not posted by this settler: waiting for the guardian's veto`,
        );
      }
      throw new SettlementHaltedError(
        `the chain builds on epoch ${good} but the newest epoch posted here is ${mine}`,
      );
    }
    const id = chainLast + 1n;
    const final = await this.finalBlock();
    if (!final) return undefined;
    const now = this.o.now?.() ?? Math.floor(Date.now() / 1000);
    const lastCutoff = Number(await this.read<bigint>("lastCutoff"));
    const treasury = this.o.deployment.treasury.toLowerCase();

    return this.o.db.transaction(async (tx) => {
      // Wait for in-flight clicks and keep new ones out while the cut is made.
      await tx.execute(sql`select pg_advisory_xact_lock(${CREDIT_LOCK.toString()})`);
      // postEpoch requires cutoff <= block.timestamp: never cut ahead of the chain's clock. Nor past
      // a click whose chain position is not final yet: everything before the cutoff must be in.
      const [unsure] = await tx
        .select({ first: sql<number | null>`min(${credits.createdAt})`.mapWith(Number) })
        .from(credits)
        .innerJoin(clicks, eq(clicks.id, credits.clickId))
        .where(and(isNull(credits.epochId), gt(clicks.atBlock, final.indexed)));
      const cutoff = Math.min(now, final.timestamp, unsure?.first ?? Number.POSITIVE_INFINITY);
      if (cutoff < lastCutoff) return undefined;
      const withheld = await withholdOutliers(tx, cutoff, this.o.ctr ?? DEFAULT_CTR_LIMIT);
      if (withheld) this.o.log.warn({ withheld, cutoff }, "clicks withheld: ctr_outlier");
      const fresh = and(isNull(credits.epochId), lt(credits.createdAt, cutoff));
      const [pending] = await tx.select({ n: sql<number>`count(*)::int` }).from(credits).where(fresh);
      // An epoch is also due when a campaign ended since the last cutoff: its advertiser may then withdraw.
      const [ended] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(campaigns)
        .where(
          and(gt(campaigns.end, lastCutoff), lte(campaigns.end, cutoff), eq(campaigns.withdrawn, false)),
        );
      if (!pending?.n && !ended?.n) return undefined;

      await tx.update(credits).set({ epochId: id }).where(fresh);
      await attributeOwnerShares(tx, treasury, { epochId: id });
      const sums = await tx
        .select({ account: credits.account, total: sql<string>`sum(${credits.amount})::text` })
        .from(credits)
        .where(isNotNull(credits.epochId))
        .groupBy(credits.account);
      // A root needs a leaf: before any credit, a zero leaf for the treasury stands in.
      const leaves: Leaf[] = sums.length
        ? sums.map((s) => ({ account: s.account as Address, cumulative: BigInt(s.total) }))
        : [{ account: treasury as Address, cumulative: 0n }];
      const tree = await buildEpochTree(leaves);
      const total = leaves.reduce((a, l) => a + l.cumulative, 0n);
      const spends = await tx
        .select({ campaignId: credits.campaignId, total: sql<string>`sum(${credits.amount})::text` })
        .from(credits)
        .where(
          and(
            isNotNull(credits.epochId),
            sql`${credits.campaignId} in (select distinct campaign_id from credits where epoch_id = ${id})`,
          ),
        )
        .groupBy(credits.campaignId)
        .orderBy(credits.campaignId);
      const [row] = await tx
        .insert(settlementEpochs)
        .values({
          id,
          root: tree.root,
          total: total.toString(),
          cutoff,
          leafCount: leaves.length,
          spends: spends.map((s) => [s.campaignId.toString(), s.total] as [string, string]),
          status: "built",
          builtAt: now,
        })
        .returning();
      for (let i = 0; i < leaves.length; i += 5000) {
        await tx.insert(epochLeaves).values(
          leaves.slice(i, i + 5000).map((l) => ({
            epochId: id,
            account: l.account.toLowerCase(),
            cumulative: l.cumulative.toString(),
          })),
        );
      }
      this.o.log.info(
        { epochId: id.toString(), leaves: leaves.length, total: total.toString() },
        "epoch built",
      );
      return row;
    });
  }

  /**
   * The newest block settlement may rely on, `confirmations` below the head: its timestamp, and
   * how far the index reaches into the final chain (`indexed`: that block, or the index's tip if
   * lower). Undefined while the index's newest stored block up to there is not on the chain (a
   * reorg being rolled back, or one deeper than `confirmations`).
   */
  private async finalBlock(): Promise<{ indexed: bigint; timestamp: number } | undefined> {
    const head = await this.o.client.getBlockNumber({ cacheTime: 0 });
    const number = head - BigInt(this.o.confirmations);
    if (number < 0n) return undefined;
    // The follower stores the blocks it read logs from, not every block: check the newest of them.
    const [stored] = await this.o.db
      .select()
      .from(blocks)
      .where(lte(blocks.number, number))
      .orderBy(desc(blocks.number))
      .limit(1);
    if (!stored) return undefined;
    const [onChain, final, [tip]] = await Promise.all([
      this.o.client.getBlock({ blockNumber: stored.number }),
      this.o.client.getBlock({ blockNumber: number }),
      this.o.db.select({ number: blocks.number }).from(blocks).orderBy(desc(blocks.number)).limit(1),
    ]);
    if (stored.hash !== onChain.hash) {
      this.o.log.warn({ block: stored.number.toString() }, "index and chain disagree below the final block");
      return undefined;
    }
    const indexed = tip && tip.number < number ? tip.number : number;
    return { indexed, timestamp: Number(final.timestamp) };
  }

  /** Sends a persisted epoch unless the chain already has it; records it as posted once final. */
  private async send(epoch: EpochRow): Promise<EpochRow | undefined> {
    await this.o.hooks?.afterBuild?.(epoch.id);
    let posted = await this.postedLog(epoch.id);
    if (!posted) {
      const chainLast = await this.read<bigint>("lastEpochId");
      if (chainLast + 1n !== epoch.id) {
        throw new SettlementHaltedError(`epoch ${epoch.id} was built but the chain is at ${chainLast}`);
      }
      const ids = epoch.spends.map(([c]) => BigInt(c));
      const cums = epoch.spends.map(([, s]) => BigInt(s));
      const size = this.o.chunkSize;
      // Earlier chunks go through settleSpend; re-sending one after a crash adds nothing (spend is cumulative).
      let from = 0;
      for (; ids.length - from > size; from += size) {
        await this.write("settleSpend", [
          epoch.id,
          ids.slice(from, from + size),
          cums.slice(from, from + size),
        ]);
      }
      await this.write("postEpoch", [
        epoch.id,
        epoch.root as Hex,
        BigInt(epoch.total),
        epoch.cutoff,
        await this.leavesHashOf(epoch.id),
        ids.slice(from),
        cums.slice(from),
      ]);
      await this.o.hooks?.afterPost?.(epoch.id);
      posted = await this.postedLog(epoch.id);
      if (!posted) throw new Error(`postEpoch ${epoch.id} mined but its event is gone (reorg); resending`);
    } else if (posted.args.root !== epoch.root || posted.args.total !== BigInt(epoch.total)) {
      // Posted before a crash: the chain must hold exactly this content.
      throw new SettlementHaltedError(`epoch ${epoch.id} on-chain differs from the one built here`);
    }
    const head = await this.o.client.getBlockNumber({ cacheTime: 0 });
    this.awaitingFinality = posted.blockNumber + BigInt(this.o.confirmations) > head;
    if (this.awaitingFinality) {
      this.o.log.debug({ epochId: epoch.id.toString() }, "epoch sent; waiting for confirmations");
      return undefined;
    }
    const txHash = posted.transactionHash;
    const now = this.o.now?.() ?? Math.floor(Date.now() / 1000);
    const [row] = await this.o.db
      .update(settlementEpochs)
      .set({ status: "posted", txHash, postedAt: now })
      .where(eq(settlementEpochs.id, epoch.id))
      .returning();
    this.state.lastEpochId = epoch.id.toString();
    this.state.lastPostedAt = now;
    this.o.log.info({ epochId: epoch.id.toString(), txHash }, "epoch posted");
    return row as EpochRow;
  }

  /**
   * The advertiser withdrew `campaignId` through the escape hatch before its last clicks settled
   * (the chain reverted CampaignClosed): its budget is gone, so those credits can never be paid
   * (THREATS.md). The built epoch was never posted (the chain refuses it), so it is discarded, its
   * credits go back to be re-cut, and the campaign's unsettled credits are deleted.
   */
  private async dropClosed(epoch: EpochRow, campaignId: bigint): Promise<void> {
    const dropped = await this.o.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${CREDIT_LOCK.toString()})`);
      await tx.update(credits).set({ epochId: null }).where(eq(credits.epochId, epoch.id));
      await tx.delete(epochLeaves).where(eq(epochLeaves.epochId, epoch.id));
      await tx.delete(settlementEpochs).where(eq(settlementEpochs.id, epoch.id));
      return tx
        .delete(credits)
        .where(and(eq(credits.campaignId, campaignId), isNull(credits.epochId)))
        .returning({ id: credits.id });
    });
    this.o.log.warn(
      { epochId: epoch.id.toString(), campaignId: campaignId.toString(), credits: dropped.length },
      "campaign withdrawn through the escape hatch: its unsettled credits are dropped, epoch re-cut",
    );
  }

  /** keccak256 of the epoch's leaf file, as GET /epochs/:id/leaves.csv serves it. */
  private async leavesHashOf(epochId: bigint): Promise<Hex> {
    const leaves = await this.o.db
      .select({ account: epochLeaves.account, cumulative: epochLeaves.cumulative })
      .from(epochLeaves)
      .where(eq(epochLeaves.epochId, epochId))
      .orderBy(asc(epochLeaves.account));
    return leavesHash(leafFile(leaves));
  }

  private async postedLog(epochId: bigint) {
    const logs = await this.o.client.getContractEvents({
      ...this.market,
      eventName: "EpochPosted",
      args: { epochId },
      fromBlock: BigInt(this.o.deployment.deployBlock),
    });
    return logs[0];
  }

  private async write(
    functionName: "settleSpend" | "postEpoch" | "activateEpoch" | "undoVetoedSpend",
    args: unknown[],
  ): Promise<Hex> {
    const hash = await this.o.wallet.writeContract({
      ...this.market,
      functionName,
      args: args as never,
      account: this.o.wallet.account,
      chain: null,
    });
    const receipt = await this.o.client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${functionName} reverted in ${hash}`);
    return hash;
  }

  /** Σ leaves = total posted on-chain = Σ campaign cumulative spend on-chain, or settlement halts. */
  async checkConservation(epoch: EpochRow): Promise<void> {
    const [sum] = await this.o.db
      .select({ total: sql<string>`coalesce(sum(${epochLeaves.cumulative}), 0)::text` })
      .from(epochLeaves)
      .where(eq(epochLeaves.epochId, epoch.id));
    const leaves = BigInt(sum?.total ?? 0);
    const postedTotal = await this.read<bigint>("settledTotal");
    const count = await this.read<bigint>("campaignCount");
    let campaignSpend = 0n;
    const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
    for (let i = 0; i < ids.length; i += 50) {
      const batch = await Promise.all(
        ids.slice(i, i + 50).map((id) => this.read<{ spent: bigint }>("getCampaign", [id])),
      );
      for (const c of batch) campaignSpend += c.spent;
    }
    const ok = leaves === postedTotal && postedTotal === campaignSpend && leaves === BigInt(epoch.total);
    this.state.conservation = {
      epochId: epoch.id.toString(),
      ok,
      leaves: leaves.toString(),
      postedTotal: postedTotal.toString(),
      campaignSpend: campaignSpend.toString(),
    };
    if (!ok) {
      this.state.halted = `conservation broken after epoch ${epoch.id}`;
      throw new SettlementHaltedError(
        `conservation broken after epoch ${epoch.id}: leaves ${leaves}, posted ${postedTotal}, campaign spend ${campaignSpend}`,
      );
    }
  }
}

/** The campaign of a CampaignClosed revert (spend raised after an escape-hatch withdrawal), if it is one. */
function closedCampaign(err: unknown): bigint | undefined {
  if (!(err instanceof BaseError)) return undefined;
  const revert = err.walk((e) => e instanceof ContractFunctionRevertedError);
  if (!(revert instanceof ContractFunctionRevertedError) || revert.data?.errorName !== "CampaignClosed") {
    return undefined;
  }
  return revert.data.args?.[0] as bigint;
}
