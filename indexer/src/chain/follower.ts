import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Deployment } from "@hexads/protocol";
import { and, desc, eq, gt, lt } from "drizzle-orm";
import type { Logger } from "pino";
import { type Block, BlockNotFoundError, type Log, type PublicClient } from "viem";
import { attributeOwnerShares } from "../clicks/attributeOwnerShares.js";
import type { Db } from "../db/client.js";
import { blocks, events } from "../db/schema.js";
import { applyEvents, insertNewEvents, rollbackTo, toEventRow } from "../projections/apply.js";
import { insertRows } from "../projections/bulkRows.js";
import { type DecodedEvent, decodeLogs } from "./decode.js";

export interface FollowerOptions {
  client: PublicClient;
  db: Db;
  deployment: Deployment;
  /** Blocks to wait behind the head before a block is treated as final enough to index. */
  confirmations: number;
  /** Largest block range one getLogs may ask for. */
  maxRange: number;
  log: Logger;
  /** Called after each committed batch (metrics, benchmarks). */
  onBatch?: (info: BatchInfo) => void;
}

/** What one committed batch did, and where its time went (milliseconds). */
export interface BatchInfo {
  events: number;
  indexed: bigint;
  head: bigint;
  ms: { rpc: number; decode: number; db: number };
}

const MIN_RANGE = 1n;
const OVERSIZED = 10_000; // logs per response above which the next range shrinks
// The first range is small and quiet ranges double: an oversized getLogs on a dense chain costs
// seconds before it fails (anvil builds the whole answer), a few extra small requests cost little.
const FIRST_RANGE = 10;

/**
 * Mirrors the HexAds contracts' logs into the database.
 *
 * Invariants: blocks are stored with their hashes; a log is applied exactly once, keyed by
 * (block number, log index), in the same transaction as the block that carries it. Before every
 * sync the stored tip is compared with the chain; on a mismatch (or when the chain no longer has
 * that block) the follower walks back to the newest stored block the chain still agrees with, and
 * rolls everything above it back before reading forward again.
 */
export class Follower {
  private range: bigint;
  head = 0n;

  constructor(private readonly o: FollowerOptions) {
    this.range = BigInt(Math.min(FIRST_RANGE, o.maxRange));
  }

  /** Newest stored block, or undefined before the first batch. */
  async tip(): Promise<{ number: bigint; hash: string } | undefined> {
    const [row] = await this.o.db
      .select({ number: blocks.number, hash: blocks.hash })
      .from(blocks)
      .orderBy(desc(blocks.number))
      .limit(1);
    return row;
  }

  /**
   * Indexes every final block up to the current head. Returns the head and the indexed block.
   * While a range is committed, the next one is already being fetched: on a backfill the RPC and
   * the database then work at the same time. A fetched range is checked against the tip committed
   * before it, exactly as if it had been fetched after.
   */
  async syncOnce(): Promise<{ head: bigint; indexed: bigint }> {
    const { client, deployment, confirmations } = this.o;
    // No cache: a stale head would hide new blocks and reorgs for the client's cacheTime.
    this.head = await client.getBlockNumber({ cacheTime: 0 });
    const safe = this.head - BigInt(confirmations);
    await this.handleReorg();
    let tip = await this.tip();
    const fetchFrom = (from: bigint) => {
      if (from > safe) return undefined;
      const fetching = this.fetchRange(from, safe);
      fetching.catch(() => {}); // awaited below; a commit failing first must not leave it unhandled
      return fetching;
    };
    let next = fetchFrom(tip ? tip.number + 1n : BigInt(deployment.deployBlock));
    while (next) {
      const waited = performance.now();
      const { from, to, logs, headers } = await next;
      const fetched = performance.now();
      const first = headers.get(from) as Block;
      if (tip && from === tip.number + 1n && first.parentHash !== tip.hash) {
        this.o.log.warn({ block: from }, "parent hash mismatch: reorg");
        await this.handleReorg(true);
        tip = await this.tip();
        next = fetchFrom(tip ? tip.number + 1n : BigInt(deployment.deployBlock));
        continue;
      }
      for (const l of logs) {
        if (headers.get(l.blockNumber as bigint)?.hash !== l.blockHash) {
          // run() retries every failed sync with backoff; a chain moving under us is one such failure.
          throw new Error(`block ${l.blockNumber} changed while reading logs`);
        }
      }
      if (logs.length > OVERSIZED && this.range > MIN_RANGE) this.range /= 2n;
      else if (logs.length < OVERSIZED / 4) {
        const max = BigInt(this.o.maxRange);
        this.range = this.range * 2n < max ? this.range * 2n : max;
      }
      next = fetchFrom(to + 1n);
      const decoded = decodeLogs(logs, deployment);
      const decodedAt = performance.now();
      const applied = await this.commit(decoded, headers);
      // RPC is the time spent waiting for the range, not hidden behind the previous commit.
      const ms = { rpc: fetched - waited, decode: decodedAt - fetched, db: performance.now() - decodedAt };
      this.o.onBatch?.({ events: applied, indexed: to, head: this.head, ms });
      tip = { number: to, hash: (headers.get(to) as Block).hash as string };
    }
    return { head: this.head, indexed: tip?.number ?? BigInt(deployment.deployBlock) - 1n };
  }

  /** The logs of the next range from `from` (shrunk until getLogs answers) and their block headers. */
  private async fetchRange(from: bigint, safe: bigint) {
    const { client, deployment } = this.o;
    for (;;) {
      const to = from + this.range - 1n < safe ? from + this.range - 1n : safe;
      let logs: Log[];
      try {
        logs = await client.getLogs({
          address: [deployment.Plots, deployment.AdMarket],
          fromBlock: from,
          toBlock: to,
        });
      } catch (cause) {
        if (this.range > MIN_RANGE) {
          this.range = this.range / 2n > MIN_RANGE ? this.range / 2n : MIN_RANGE;
          this.o.log.debug({ from, to, range: this.range }, "getLogs failed, shrinking range");
          continue;
        }
        throw new Error(`getLogs ${from}-${to} failed`, { cause });
      }
      const headers = await this.headers([from, to, ...logs.map((l) => l.blockNumber as bigint)]);
      return { from, to, logs, headers };
    }
  }

  /** Follows the chain until `signal` aborts, retrying failed syncs with backoff. */
  async run(signal: AbortSignal, pollMs: number): Promise<void> {
    let backoff = pollMs;
    while (!signal.aborted) {
      try {
        await this.syncOnce();
        backoff = pollMs;
      } catch (err) {
        this.o.log.error({ err }, "sync failed; retrying");
        backoff = Math.min(backoff * 2, 30_000);
      }
      await sleep(backoff, undefined, { signal }).catch(() => undefined);
    }
  }

  private async headers(numbers: bigint[]): Promise<Map<bigint, Block>> {
    const unique = [...new Set(numbers)];
    const out = new Map<bigint, Block>();
    for (let i = 0; i < unique.length; i += 20) {
      const chunk = unique.slice(i, i + 20);
      const got = await Promise.all(chunk.map((blockNumber) => this.o.client.getBlock({ blockNumber })));
      for (const b of got) out.set(b.number as bigint, b);
    }
    return out;
  }

  private async commit(decoded: DecodedEvent[], headers: Map<bigint, Block>): Promise<number> {
    return this.o.db.transaction(async (tx) => {
      const stored = [...headers.values()].map((b) => ({
        number: b.number as bigint,
        hash: b.hash as string,
        parentHash: b.parentHash,
        timestamp: Number(b.timestamp),
      }));
      await insertRows(tx, blocks, stored, { onConflict: { target: [blocks.number], action: "skip" } });
      const rows = decoded.map((e) => toEventRow(e, Number((headers.get(e.blockNumber) as Block).timestamp)));
      // Only logs not stored before are applied: the (block, log index) key makes replays no-ops.
      const fresh = await insertNewEvents(tx, rows);
      const applied = await applyEvents(tx, fresh);
      // A click paid on a branch a reorg replaced may sit at a height this batch now fills.
      const sold = fresh.filter((r) => r.name === "Transfer" && r.cell !== null).map((r) => r.cell as bigint);
      await attributeOwnerShares(tx, this.o.deployment.treasury, { cells: [...new Set(sold)] });
      return applied;
    });
  }

  /** Rolls back to the common ancestor if the stored tip is no longer on the chain (or `force`). */
  private async handleReorg(force = false): Promise<void> {
    const tip = await this.tip();
    if (!tip) return;
    if (!force && (await this.onChain(tip.number, tip.hash))) return;
    const ancestor = await this.findAncestor(tip.number);
    const { removed, movedShares } = await this.o.db.transaction(async (tx) => {
      const sold = await tx
        .selectDistinct({ cell: events.cell })
        .from(events)
        .where(and(gt(events.blockNumber, ancestor), eq(events.name, "Transfer")));
      const removed = await rollbackTo(tx, ancestor);
      // Owner shares paid on an orphaned sale go back to the owner the surviving chain says.
      const cells = sold.map((r) => r.cell as bigint);
      const movedShares = await attributeOwnerShares(tx, this.o.deployment.treasury, { cells });
      return { removed, movedShares };
    });
    this.o.log.warn(
      { from: tip.number, ancestor, removed, movedShares },
      "reorg: rolled back to common ancestor",
    );
  }

  private async onChain(number: bigint, hash: string): Promise<boolean> {
    try {
      return (await this.o.client.getBlock({ blockNumber: number })).hash === hash;
    } catch (err) {
      if (err instanceof BlockNotFoundError) return false;
      throw err;
    }
  }

  private async findAncestor(below: bigint): Promise<bigint> {
    let cursor = below + 1n;
    for (;;) {
      const batch = await this.o.db
        .select({ number: blocks.number, hash: blocks.hash })
        .from(blocks)
        .where(lt(blocks.number, cursor))
        .orderBy(desc(blocks.number))
        .limit(50);
      if (batch.length === 0) return BigInt(this.o.deployment.deployBlock) - 1n;
      for (const b of batch) {
        if (await this.onChain(b.number, b.hash)) return b.number;
      }
      cursor = (batch[batch.length - 1] as { number: bigint }).number;
    }
  }
}
