import type { Deployment } from "@hexads/protocol";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Logger } from "pino";
import { type Account, type Address, BaseError, type Hex, type PublicClient, type WalletClient } from "viem";
import type { PayoutStatus } from "../api/schemas/status.js";
import { adMarketAbi } from "../chain/abis.js";
import { readAdMarket } from "../chain/readAdMarket.js";
import type { Db } from "../db/client.js";
import { claimTotals, epochLeaves, settlementEpochs } from "../db/schema.js";
import { epochTree } from "./epochTreeCache.js";
import { roundAtOrAfter } from "./nextPayout.js";

export interface PayoutOptions {
  db: Db;
  client: PublicClient;
  /** The operator key: needs ETH for gas and no role (claim pays the account, whoever sends it). */
  wallet: WalletClient & { account: Account };
  deployment: Deployment;
  /** Smallest claimable amount worth a claim (HXA wei). */
  threshold: bigint;
  /** Accounts per claimBatch transaction. */
  batchSize: number;
  /** Rounds run at whole multiples of this many seconds (unix time), so any replica can tell when. */
  intervalSeconds: number;
  log: Logger;
}

interface Claim {
  account: Address;
  cumulative: bigint;
  amount: bigint;
}

/** Payout rounds stop here if a bug ever made the same accounts look unpaid forever. */
const MAX_BATCHES_PER_ROUND = 100;

/**
 * Sponsored payouts: viewers and plot owners get their HXA without holding ETH. Each round, the
 * operator sends `AdMarket.claimBatch` for every account whose claimable amount against the active
 * root reaches the threshold; the contract pays each account, never the sender.
 *
 * Safe to restart at any point: what an account has claimed is read from the chain (not from the
 * index, which lags by its confirmations) right before each batch, a batch is simulated before it
 * is sent, and no round starts while an earlier transaction of the operator is still unmined. So a
 * crash or a restart never sends a claim that would revert, and nothing is retried in a loop.
 */
export class Payouts {
  private readonly market: { address: Address; abi: typeof adMarketAbi };
  private readonly state: PayoutStatus;

  constructor(private readonly o: PayoutOptions) {
    this.market = { address: o.deployment.AdMarket, abi: adMarketAbi };
    this.state = {
      operator: o.wallet.account.address,
      threshold: o.threshold.toString(),
      intervalSeconds: o.intervalSeconds,
      batchSize: o.batchSize,
      nextRoundAt: null,
      lastRound: null,
      problem: null,
    };
  }

  status(): PayoutStatus {
    return this.state;
  }

  /** Runs a round at every multiple of the interval until `signal` aborts. */
  async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      const at = roundAtOrAfter(Math.floor(Date.now() / 1000) + 1, this.o.intervalSeconds);
      this.state.nextRoundAt = at;
      await new Promise<void>((r) => {
        const done = () => {
          clearTimeout(t);
          signal.removeEventListener("abort", done);
          r();
        };
        const t = setTimeout(done, Math.max(0, at * 1000 - Date.now()));
        signal.addEventListener("abort", done, { once: true });
      });
      if (signal.aborted) return;
      this.state.nextRoundAt = null;
      await this.round().catch((err) => this.o.log.error({ err }, "payout round failed; next round retries"));
    }
  }

  /** One round: pays every account over the threshold, in batches. Returns the transactions sent. */
  async round(): Promise<Hex[]> {
    const operator = this.o.wallet.account.address;
    const [pending, mined] = await Promise.all([
      this.o.client.getTransactionCount({ address: operator, blockTag: "pending" }),
      this.o.client.getTransactionCount({ address: operator, blockTag: "latest" }),
    ]);
    if (pending > mined) {
      // A transaction from before a restart is still unmined: its claims are not on-chain yet.
      this.o.log.info({ pending: pending - mined }, "payout transaction in flight; skipping this round");
      return [];
    }
    const epochId = await this.activeEpoch();
    if (epochId === undefined) return [];
    const txs: Hex[] = [];
    let paidAccounts = 0;
    let paid = 0n;
    let cursor = "";
    let batch: Claim[] = [];
    for (;;) {
      const page = await this.candidates(epochId, cursor, this.o.batchSize * 2);
      if (page.length) cursor = page[page.length - 1]?.account.toLowerCase() ?? cursor;
      batch.push(...(await this.stillUnclaimed(page)));
      while (batch.length >= this.o.batchSize || (page.length === 0 && batch.length > 0)) {
        if (txs.length >= MAX_BATCHES_PER_ROUND) break;
        const sent = await this.send(epochId, batch.slice(0, this.o.batchSize));
        batch = batch.slice(this.o.batchSize);
        if (sent === "no-gas") return this.finish(txs, paidAccounts, paid);
        if (sent === "none") continue;
        txs.push(sent.hash);
        paidAccounts += sent.claims.length;
        paid += sent.claims.reduce((a, c) => a + c.amount, 0n);
      }
      if (page.length === 0 || txs.length >= MAX_BATCHES_PER_ROUND) break;
    }
    this.state.problem = null;
    return this.finish(txs, paidAccounts, paid);
  }

  private finish(txs: Hex[], accounts: number, amount: bigint): Hex[] {
    this.state.lastRound = { at: Math.floor(Date.now() / 1000), accounts, amount: amount.toString(), txs };
    if (txs.length) this.o.log.info({ accounts, amount: amount.toString(), txs }, "sponsored payouts sent");
    return txs;
  }

  /** The epoch whose root the contract accepts now, if this database built it (its leaves are here). */
  private async activeEpoch(): Promise<bigint | undefined> {
    const [id, root] = await Promise.all([this.read<bigint>("activeEpochId"), this.read<Hex>("activeRoot")]);
    if (id === 0n) return undefined;
    const [row] = await this.o.db
      .select({ root: settlementEpochs.root })
      .from(settlementEpochs)
      .where(eq(settlementEpochs.id, id));
    if (row?.root !== root) {
      this.o.log.warn(
        { epochId: id.toString() },
        "the active root is not one this database built; no payouts",
      );
      return undefined;
    }
    return id;
  }

  /** Leaves of `epochId` after `cursor` whose amount unclaimed, as indexed, reaches the threshold. */
  private async candidates(epochId: bigint, cursor: string, limit: number): Promise<Claim[]> {
    const min = (this.o.threshold > 0n ? this.o.threshold : 1n).toString();
    const rows = await this.o.db
      .select({ account: epochLeaves.account, cumulative: epochLeaves.cumulative })
      .from(epochLeaves)
      .leftJoin(claimTotals, eq(claimTotals.account, epochLeaves.account))
      .where(
        and(
          eq(epochLeaves.epochId, epochId),
          gt(epochLeaves.account, cursor),
          sql`${epochLeaves.cumulative} - coalesce(${claimTotals.claimed}, 0) >= ${min}::numeric`,
        ),
      )
      .orderBy(asc(epochLeaves.account))
      .limit(limit);
    return rows.map((r) => ({ account: r.account as Address, cumulative: BigInt(r.cumulative), amount: 0n }));
  }

  /** Drops accounts that claimed since the index last saw (read from the chain's newest block). */
  private async stillUnclaimed(claims: Claim[]): Promise<Claim[]> {
    const out: Claim[] = [];
    for (let i = 0; i < claims.length; i += 50) {
      const slice = claims.slice(i, i + 50);
      const done = await Promise.all(slice.map((c) => this.read<bigint>("claimed", [c.account])));
      slice.forEach((c, j) => {
        const amount = c.cumulative - (done[j] ?? 0n);
        if (amount > 0n && amount >= this.o.threshold) out.push({ ...c, amount });
      });
    }
    return out;
  }

  /**
   * Simulates and sends one claimBatch; waits for its receipt. A batch that would revert is cut to
   * the accounts whose own claim goes through ("none" if no claim does); "no-gas" when the operator
   * cannot pay the gas.
   */
  private async send(
    epochId: bigint,
    claims: Claim[],
  ): Promise<{ hash: Hex; claims: Claim[] } | "none" | "no-gas"> {
    const tree = await epochTree(this.o.db, epochId);
    const proofs = claims.map((c) => (tree.proof(c.account) ?? []) as Hex[]);
    let gas: bigint;
    try {
      gas = await this.estimate(claims, proofs);
    } catch (err) {
      this.o.log.warn(
        { err: short(err) },
        "payout batch would revert; sending only the claims that go through",
      );
      const ok: number[] = [];
      for (const [i, c] of claims.entries()) {
        const one = await this.estimate([c], [proofs[i] as Hex[]]).catch(() => undefined);
        if (one !== undefined) ok.push(i);
        else
          this.o.log.warn({ account: c.account }, "claim would revert; not paying this account this round");
      }
      if (!ok.length) return "none";
      return this.send(
        epochId,
        ok.map((i) => claims[i] as Claim),
      );
    }
    const operator = this.o.wallet.account.address;
    const [balance, gasPrice] = await Promise.all([
      this.o.client.getBalance({ address: operator }),
      this.o.client.getGasPrice(),
    ]);
    const limit = (gas * 12n) / 10n;
    if (balance < limit * gasPrice) {
      this.state.problem = `the payout operator ${operator} holds ${balance} wei, needs ${limit * gasPrice} for the next batch: fund it from the treasury`;
      this.o.log.error(this.state.problem);
      return "no-gas";
    }
    const hash = await this.o.wallet.writeContract({
      ...this.market,
      functionName: "claimBatch",
      args: [claims.map((c) => c.account), claims.map((c) => c.cumulative), proofs],
      account: this.o.wallet.account,
      chain: null,
      gas: limit,
    });
    const receipt = await this.o.client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`claimBatch reverted in ${hash}`);
    return { hash, claims };
  }

  private estimate(claims: Claim[], proofs: Hex[][]) {
    return this.o.client.estimateContractGas({
      ...this.market,
      functionName: "claimBatch",
      args: [claims.map((c) => c.account), claims.map((c) => c.cumulative), proofs],
      account: this.o.wallet.account,
    });
  }

  private read<T>(functionName: string, args: unknown[] = []): Promise<T> {
    return readAdMarket<T>(this.o.client, this.market.address, functionName, args);
  }
}

const short = (err: unknown) => (err instanceof BaseError ? err.shortMessage : String(err));
