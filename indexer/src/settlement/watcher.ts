import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type EconomyContracts,
  type EconomyEvent,
  type LeafSource as LeafFileSource,
  readEconomyLogs,
} from "@hexads/economy";
import { leavesHash, parseLeafFile, type SplitBps, splitFromContract } from "@hexads/protocol";
import { type Account, type Hex, keccak256, type PublicClient, toHex, type WalletClient } from "viem";
import { adMarketAbi } from "../chain/abis.js";
import { checkEpoch } from "./checkEpoch.js";
import { undoCalls } from "./undoCalls.js";

export type { LeafFileSource };

/** What the watcher concluded about one epoch; `bad` is a bad epoch it could not veto. */
export interface EpochReport {
  epochId: bigint;
  outcome: "ok" | "vetoed" | "bad" | "waiting" | "undone";
  reason?: string;
  tx?: Hex;
}

export interface WatcherOptions {
  client: PublicClient;
  contracts: EconomyContracts;
  leafFile: LeafFileSource;
  /** Holder of GUARDIAN_ROLE: bad epochs are vetoed with it. Without it they are only reported. */
  guardian?: WalletClient & { account: Account };
  /**
   * After a veto, also undo the vetoed epochs' spend with the guardian key, `chunkSize` changes a
   * call (undoVetoedSpend is open to anyone; the settler does it before its next post).
   */
  undo?: { chunkSize: number };
  /** An epoch whose leaf file still cannot be had this many seconds before it activates is vetoed. */
  missingFileGrace: number;
  maxRange?: bigint;
  report: (r: EpochReport) => void;
  /** Told of every change to who may post or veto, or to the window, while it is still scheduled. */
  notice?: (n: GovernanceNotice) => void;
}

/** A scheduled change to AdMarket's roles or challenge period, and when it can take effect. */
export interface GovernanceNotice {
  block: bigint;
  text: string;
  /** Unix seconds. */
  readyAt: bigint;
}

const ROLE_NAMES = new Map(
  ["SETTLER_ROLE", "GUARDIAN_ROLE"].map((name) => [
    keccak256(toHex(name)),
    name.replace("_ROLE", "").toLowerCase(),
  ]),
);
const roleName = (role: Hex) => ROLE_NAMES.get(role) ?? role;

type Posted = Extract<EconomyEvent, { kind: "EpochPosted" }>;

/** Leaf files kept in a directory as `<epochId>.csv` (e.g. saved from an indexer). */
export const dirLeafFiles =
  (dir: string): LeafFileSource =>
  (epochId) =>
    readFile(join(dir, `${epochId}.csv`), "utf8").catch(() => undefined);

/** Asks each source in turn; the first file that matches the posted hash is used by the watcher. */
export const firstOf =
  (...sources: LeafFileSource[]): LeafFileSource =>
  async (epochId) => {
    for (const s of sources) {
      const f = await s(epochId).catch(() => undefined);
      if (f !== undefined) return f;
    }
    return undefined;
  };

/**
 * Watches AdMarket's epoch queue and checks every pending epoch against its published leaf file
 * (checkEpoch), vetoing a bad one with the guardian key while it is still pending. An epoch whose
 * file cannot be had is re-tried every poll and vetoed once it is `missingFileGrace` seconds from
 * activating: nobody could check it, so it must not pay. Each epoch is reported once it is
 * decided; `waiting` is reported each time its reason changes.
 */
export class EpochWatcher {
  private nextBlock: bigint;
  private readonly posted = new Map<bigint, Posted>();
  private readonly spends = new Map<bigint, { campaignId: bigint; added: bigint }[]>();
  private readonly cpc = new Map<bigint, bigint>();
  private readonly splitChanges: { block: bigint; split: SplitBps }[] = [];
  private readonly vetoed = new Set<bigint>();
  private active = 0n;
  /** Epochs judged here, with their leaves while they passed and may still be a parent. */
  private readonly decided = new Map<bigint, Map<Hex, bigint> | null>();
  private readonly waiting = new Map<bigint, string>();

  constructor(private readonly o: WatcherOptions) {
    this.nextBlock = BigInt(o.contracts.deployBlock);
  }

  /** Reads new logs and judges every pending epoch not judged yet. Returns what it reported. */
  async poll(): Promise<EpochReport[]> {
    const out: EpochReport[] = [];
    const report = (r: EpochReport) => {
      out.push(r);
      this.o.report(r);
    };
    const head = await this.o.client.getBlock({ blockTag: "latest" });
    if (head.number >= this.nextBlock) {
      const { events } = await readEconomyLogs(
        this.o.client,
        { ...this.o.contracts, deployBlock: this.nextBlock },
        { toBlock: head.number, ...(this.o.maxRange ? { maxRange: this.o.maxRange } : {}) },
      );
      for (const e of events) this.apply(e, report);
      this.nextBlock = head.number + 1n;
    }
    const pending = [...this.posted.keys()]
      .filter((id) => id > this.active && !this.vetoed.has(id) && !this.decided.has(id))
      .sort((a, b) => (a < b ? -1 : 1));
    for (const id of pending) {
      if (!this.vetoed.has(id)) await this.judge(this.posted.get(id) as Posted, head.timestamp, report);
    }
    return out;
  }

  private apply(e: EconomyEvent, report: (r: EpochReport) => void) {
    switch (e.kind) {
      case "CampaignCreated":
        this.cpc.set(e.campaignId, e.cpc);
        break;
      case "RoleGrantScheduled":
      case "RoleRevokeScheduled": {
        const verb = e.kind === "RoleGrantScheduled" ? "granted to" : "revoked from";
        const text = `the ${roleName(e.role)} role is scheduled to be ${verb} ${e.account}`;
        this.o.notice?.({ block: e.block, text, readyAt: e.readyAt });
        break;
      }
      case "ChallengePeriodScheduled": {
        const text = `the challenge period is scheduled to shorten to ${e.period} s`;
        this.o.notice?.({ block: e.block, text, readyAt: e.readyAt });
        break;
      }
      case "DefaultAdminTransferScheduled": {
        const text = `the admin role is scheduled to pass to ${e.newAdmin}`;
        this.o.notice?.({ block: e.block, text, readyAt: e.readyAt });
        break;
      }
      case "SplitUpdated":
        this.splitChanges.push({
          block: e.block,
          split: splitFromContract([e.viewerBps, e.ownerBps, e.protocolBps]),
        });
        break;
      case "CampaignSpendSettled": {
        const list = this.spends.get(e.epochId) ?? [];
        list.push({ campaignId: e.campaignId, added: e.spent - e.previous });
        this.spends.set(e.epochId, list);
        break;
      }
      case "EpochPosted":
        this.posted.set(e.epochId, e);
        break;
      case "EpochActivated":
        this.active = e.epochId;
        break;
      case "EpochVetoed":
        this.vetoed.add(e.epochId);
        // Vetoed with an earlier epoch (or by another guardian) while it was waiting here.
        if (this.waiting.delete(e.epochId)) {
          report({ epochId: e.epochId, outcome: "vetoed", reason: "vetoed on-chain while it waited" });
        }
        break;
    }
  }

  private async judge(e: Posted, now: bigint, report: (r: EpochReport) => void) {
    const parent = e.parent === 0n ? new Map<Hex, bigint>() : await this.leavesOf(e.parent);
    const file = await this.o.leafFile(e.epochId).catch(() => undefined);
    const missing =
      parent === undefined
        ? `the leaf file of its parent epoch ${e.parent} cannot be had`
        : file === undefined
          ? "its leaf file cannot be had"
          : leavesHash(file) !== e.leavesHash
            ? "the leaf file found does not hash to its posted leavesHash"
            : undefined;
    if (missing) {
      if (now + BigInt(this.o.missingFileGrace) >= e.activatesAt) {
        this.waiting.delete(e.epochId);
        return this.veto(e, `${missing} and it activates at ${e.activatesAt}`, report);
      }
      if (this.waiting.get(e.epochId) !== missing) {
        this.waiting.set(e.epochId, missing);
        report({ epochId: e.epochId, outcome: "waiting", reason: missing });
      }
      return;
    }
    this.waiting.delete(e.epochId);
    const at = { address: this.o.contracts.AdMarket, abi: adMarketAbi, blockNumber: e.block } as const;
    // Its clicks were credited after its parent was posted (the first epoch: since the deploy, whose
    // constructor emits the first SplitUpdated), under the split in force then or any set since.
    const parentBlock = this.posted.get(e.parent)?.block;
    const [split, treasury] = await Promise.all([
      this.o.client.readContract({ ...at, blockNumber: parentBlock ?? e.block, functionName: "split" }),
      this.o.client.readContract({ ...at, functionName: "treasury" }),
    ]);
    const splits = [
      splitFromContract(split),
      ...this.splitChanges
        .filter((c) => c.block > (parentBlock ?? -1n) && c.block <= e.block)
        .map((c) => c.split),
    ];
    const spends = (this.spends.get(e.epochId) ?? []).map((s) => ({
      ...s,
      cpc: this.cpc.get(s.campaignId) ?? 0n,
    }));
    const verdict = await checkEpoch(
      {
        epochId: e.epochId,
        root: e.root,
        total: e.total,
        parentTotal: this.posted.get(e.parent)?.total ?? 0n,
        spends,
        splits,
        treasury,
      },
      file as string,
      parent as Map<Hex, bigint>,
    );
    if (verdict.ok) {
      this.decided.set(e.epochId, verdict.leaves);
      // Its parent's leaves are kept no longer (a re-post after a veto reads them from its file again).
      if (this.decided.get(e.parent)) this.decided.set(e.parent, null);
      report({ epochId: e.epochId, outcome: "ok" });
    } else {
      await this.veto(e, verdict.reason, report);
    }
  }

  /** Leaves of an epoch judged here, or read from its file (matched to its leavesHash). */
  private async leavesOf(epochId: bigint): Promise<Map<Hex, bigint> | undefined> {
    const judged = this.decided.get(epochId);
    if (judged) return judged;
    const posted = this.posted.get(epochId);
    const file = posted && (await this.o.leafFile(epochId).catch(() => undefined));
    if (!posted || file === undefined || leavesHash(file) !== posted.leavesHash) return undefined;
    try {
      return new Map(parseLeafFile(file).map((l) => [l.account, l.cumulative]));
    } catch {
      return undefined;
    }
  }

  /** Sends the undo calls of every vetoed epoch still to undo, newest first, as the contract asks. */
  private async undoVetoed(
    g: NonNullable<WatcherOptions["guardian"]>,
    chunkSize: number,
    vetoed: bigint,
    report: (r: EpochReport) => void,
  ) {
    const market = { address: this.o.contracts.AdMarket, abi: adMarketAbi } as const;
    try {
      for (;;) {
        const epochId = await this.o.client.readContract({ ...market, functionName: "undoEpochId" });
        if (epochId === 0n) return;
        const calls = await undoCalls(this.o.client, this.o.contracts, epochId, chunkSize);
        for (const args of calls) {
          const { request } = await this.o.client.simulateContract({
            ...market,
            functionName: "undoVetoedSpend",
            args,
            account: g.account,
          });
          const tx = await g.writeContract({ ...request, chain: null });
          const receipt = await this.o.client.waitForTransactionReceipt({ hash: tx });
          if (receipt.status !== "success") throw new Error(`undoVetoedSpend reverted in ${tx}`);
        }
        const n = calls.reduce((sum, [, , changes]) => sum + changes.length, 0);
        report({
          epochId,
          outcome: "undone",
          reason: `${n} campaign spend change${n === 1 ? "" : "s"} undone`,
        });
      }
    } catch (err) {
      // The settler may have undone it first; its next round finishes whatever is left.
      report({
        epochId: vetoed,
        outcome: "bad",
        reason: `vetoed, but the undo failed: ${(err as Error).message}`,
      });
    }
  }

  private async veto(e: Posted, reason: string, report: (r: EpochReport) => void) {
    this.decided.set(e.epochId, null);
    const g = this.o.guardian;
    if (!g)
      return report({
        epochId: e.epochId,
        outcome: "bad",
        reason: `${reason} (no guardian key: not vetoed)`,
      });
    try {
      const { request } = await this.o.client.simulateContract({
        address: this.o.contracts.AdMarket,
        abi: adMarketAbi,
        functionName: "vetoEpoch",
        args: [e.epochId],
        account: g.account,
      });
      const tx = await g.writeContract({ ...request, chain: null });
      const receipt = await this.o.client.waitForTransactionReceipt({ hash: tx });
      if (receipt.status !== "success") throw new Error(`vetoEpoch reverted in ${tx}`);
      report({ epochId: e.epochId, outcome: "vetoed", reason, tx });
      // The contract vetoes every later pending epoch with it: they build on this one.
      for (const id of [...this.posted.keys(), e.epochId].filter((id) => id >= e.epochId)) {
        if (this.vetoed.has(id)) continue;
        this.vetoed.add(id);
        this.waiting.delete(id);
        if (id !== e.epochId)
          report({ epochId: id, outcome: "vetoed", reason: `it builds on epoch ${e.epochId}` });
      }
      if (this.o.undo) await this.undoVetoed(g, this.o.undo.chunkSize, e.epochId, report);
    } catch (err) {
      report({
        epochId: e.epochId,
        outcome: "bad",
        reason: `${reason}; the veto failed: ${(err as Error).message}`,
      });
    }
  }
}
