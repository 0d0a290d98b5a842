import { type Address, formatEther, getAddress, type Hex } from "viem";
import type { EconomyEvent } from "./events.js";

/** One published leaf of an epoch's Merkle tree: an account and everything it has earned so far. */
export type Leaf = readonly [account: Address, cumulative: bigint];

/** Which conservation rule broke. */
export type CheckName = "total" | "spend" | "cumulative" | "claims" | "escrow" | "order";

/** The first place where the money does not add up. */
export interface Break {
  /** The epoch it belongs to (the posted epoch, or the active one for a claim); null before any epoch. */
  epoch: bigint | null;
  check: CheckName;
  reason: string;
  block: bigint;
  tx: Hex | null;
}

/** Sums over every log read: what the page shows beside the verdict. */
export interface Totals {
  budgets: bigint;
  withdrawn: bigint;
  spent: bigint;
  settled: bigint;
  claimed: bigint;
  escrow: bigint;
}

export interface Verdict {
  ok: boolean;
  break?: Break;
  /** Epochs posted in the logs read (vetoed ones included). */
  epochs: number;
  /** Epochs whose published leaves rebuilt the posted root and were checked leaf by leaf. */
  leafChecked: number;
  totals: Totals;
  /** Facts that are not breaks, e.g. HXA sent to AdMarket outside any campaign. */
  notes: string[];
}

export interface CheckInput {
  events: readonly EconomyEvent[];
  /** AdMarket's address: its HXA Transfer logs are the escrow's real balance. */
  adMarket: Address;
  /** Leaves of the epochs whose published leaf file matched the posted root. */
  leaves?: ReadonlyMap<bigint, readonly Leaf[]>;
  /** AdMarket's HXA balance read at the last block, to catch balance changes without a log. */
  finalBalance?: { block: bigint; balance: bigint };
}

const hxa = (v: bigint) => `${formatEther(v)} HXA`;

/**
 * Replays the logs in chain order and checks, per epoch: the posted total grew by exactly the new
 * campaign spend; no campaign's settled spend falls or passes its budget; no account's cumulative
 * earnings fall (from the leaves where published, else from its claims); claims never pass what the
 * active epoch settled; and AdMarket's HXA balance equals budgets - withdrawn - claimed after every
 * transaction. Returns at the first break.
 */
export function checkConservation(input: CheckInput): Verdict {
  const adMarket = getAddress(input.adMarket);
  const totals: Totals = { budgets: 0n, withdrawn: 0n, spent: 0n, settled: 0n, claimed: 0n, escrow: 0n };
  const notes: string[] = [];
  const spent = new Map<bigint, bigint>();
  const budget = new Map<bigint, bigint>();
  const postedTotal = new Map<bigint, bigint>();
  const vetoed = new Set<bigint>();
  const parentOf = new Map<bigint, bigint>();
  const leavesOf = new Map<bigint, Map<Address, bigint>>();
  // Spend each epoch adds, by epoch: a veto's undo and a re-post may interleave with other epochs.
  const epochSpend = new Map<bigint, bigint>();
  // A vetoed epoch never paid anyone: its leaves are not held to the rules (the veto did its job).
  const vetoedLater = new Set(input.events.flatMap((e) => (e.kind === "EpochVetoed" ? [e.epochId] : [])));
  const claimedBy = new Map<Address, bigint>();
  let lastPosted: bigint | null = null;
  let active: bigint | null = null;
  let activeTotal = 0n;
  let epochs = 0;
  let leafChecked = 0;
  let surplusNoted = false;

  const verdict = (b?: Break): Verdict => ({
    ok: !b,
    ...(b ? { break: b } : {}),
    epochs,
    leafChecked,
    totals: { ...totals },
    notes,
  });
  const owed = () => totals.budgets - totals.withdrawn - totals.claimed;
  // Escrow is compared between transactions: inside one, the event and its transfer are not atomic.
  const escrowBreak = (e: { block: bigint; tx: Hex }): Break | undefined => {
    if (totals.escrow < owed()) {
      return {
        epoch: lastPosted,
        check: "escrow",
        reason: `AdMarket holds ${hxa(totals.escrow)} but owes ${hxa(owed())} (budgets - withdrawn - claimed)`,
        block: e.block,
        tx: e.tx,
      };
    }
    if (totals.escrow > owed() && !surplusNoted) {
      surplusNoted = true;
      notes.push(
        `${hxa(totals.escrow - owed())} was sent to AdMarket outside any campaign (block ${e.block}); no one can withdraw it`,
      );
    }
    return undefined;
  };

  const events = input.events;
  for (let i = 0; i < events.length; i++) {
    const e = events[i] as EconomyEvent;
    const at = { block: e.block, tx: e.tx };
    switch (e.kind) {
      case "CampaignCreated":
        budget.set(e.campaignId, e.budget);
        spent.set(e.campaignId, 0n);
        totals.budgets += e.budget;
        break;
      case "CampaignToppedUp":
        budget.set(e.campaignId, (budget.get(e.campaignId) ?? 0n) + e.amount);
        totals.budgets += e.amount;
        break;
      case "CampaignWithdrawn": {
        const left = (budget.get(e.campaignId) ?? 0n) - (spent.get(e.campaignId) ?? 0n);
        if (e.amount !== left) {
          return verdict({
            epoch: lastPosted,
            check: "escrow",
            reason: `campaign ${e.campaignId} withdrew ${hxa(e.amount)} but had ${hxa(left)} unspent`,
            ...at,
          });
        }
        budget.set(e.campaignId, spent.get(e.campaignId) ?? 0n);
        totals.withdrawn += e.amount;
        break;
      }
      case "CampaignSpendSettled": {
        const before = spent.get(e.campaignId);
        const cap = budget.get(e.campaignId);
        if (before === undefined || cap === undefined) {
          return verdict({
            epoch: e.epochId,
            check: "spend",
            reason: `campaign ${e.campaignId} was never created`,
            ...at,
          });
        }
        if (e.previous !== before) {
          return verdict({
            epoch: e.epochId,
            check: "spend",
            reason: `campaign ${e.campaignId}'s spend was settled from ${hxa(e.previous)}, but its logs add up to ${hxa(before)}`,
            ...at,
          });
        }
        if (e.spent < before) {
          return verdict({
            epoch: e.epochId,
            check: "spend",
            reason: `campaign ${e.campaignId}'s settled spend fell from ${hxa(before)} to ${hxa(e.spent)}`,
            ...at,
          });
        }
        if (e.spent > cap) {
          return verdict({
            epoch: e.epochId,
            check: "spend",
            reason: `campaign ${e.campaignId} settled ${hxa(e.spent)}, over its budget of ${hxa(cap)}`,
            ...at,
          });
        }
        epochSpend.set(e.epochId, (epochSpend.get(e.epochId) ?? 0n) + e.spent - before);
        totals.spent += e.spent - before;
        spent.set(e.campaignId, e.spent);
        break;
      }
      case "CampaignSpendUndone": {
        const before = spent.get(e.campaignId) ?? 0n;
        if (!vetoed.has(e.epochId) || e.spent > before) {
          return verdict({
            epoch: e.epochId,
            check: "spend",
            reason: vetoed.has(e.epochId)
              ? `undoing campaign ${e.campaignId}'s spend raised it from ${hxa(before)} to ${hxa(e.spent)}`
              : `campaign ${e.campaignId}'s spend was undone for an epoch that was not vetoed`,
            ...at,
          });
        }
        totals.spent -= before - e.spent;
        spent.set(e.campaignId, e.spent);
        break;
      }
      case "EpochPosted": {
        epochs++;
        const base = e.parent === 0n ? 0n : postedTotal.get(e.parent);
        if (base === undefined || vetoed.has(e.parent)) {
          return verdict({
            epoch: e.epochId,
            check: "order",
            reason: `it builds on epoch ${e.parent}, which was ${base === undefined ? "never posted" : "vetoed"}`,
            ...at,
          });
        }
        const grew = e.total - base;
        const added = epochSpend.get(e.epochId) ?? 0n;
        if (grew !== added) {
          return verdict({
            epoch: e.epochId,
            check: "total",
            reason: `the posted total grew by ${hxa(grew)} but campaigns' settled spend grew by ${hxa(added)}`,
            ...at,
          });
        }
        const leaves = input.leaves?.get(e.epochId);
        if (leaves && !vetoedLater.has(e.epochId)) {
          const b = checkLeaves(e.epochId, e.total, leaves, leavesOf.get(e.parent));
          if (b) return verdict({ ...b, ...at });
          leavesOf.set(e.epochId, new Map(leaves.map(([a, c]) => [getAddress(a), c])));
          leafChecked++;
        }
        postedTotal.set(e.epochId, e.total);
        parentOf.set(e.epochId, e.parent);
        totals.settled = e.total;
        lastPosted = e.epochId;
        break;
      }
      case "EpochActivated": {
        const total = postedTotal.get(e.epochId);
        if (total === undefined || vetoed.has(e.epochId) || (active !== null && e.epochId < active)) {
          return verdict({
            epoch: e.epochId,
            check: "order",
            reason:
              total === undefined
                ? "activated but never posted"
                : vetoed.has(e.epochId)
                  ? "activated after its veto"
                  : `activated after the newer epoch ${active}: the active epoch moved back`,
            ...at,
          });
        }
        active = e.epochId;
        activeTotal = total;
        break;
      }
      case "EpochVetoed": {
        vetoed.add(e.epochId);
        // The chain's settled total falls back to what the vetoed epoch built on.
        const parent = parentOf.get(e.epochId);
        if (parent !== undefined && !vetoed.has(parent)) totals.settled = postedTotal.get(parent) ?? 0n;
        break;
      }
      case "Claimed": {
        const account = getAddress(e.account);
        const before = claimedBy.get(account) ?? 0n;
        if (e.cumulative !== before + e.amount || e.cumulative <= before) {
          return verdict({
            epoch: active,
            check: "cumulative",
            reason: `${account} claimed ${hxa(e.amount)} taking its cumulative from ${hxa(before)} to ${hxa(e.cumulative)}`,
            ...at,
          });
        }
        claimedBy.set(account, e.cumulative);
        totals.claimed += e.amount;
        if (totals.claimed > activeTotal) {
          return verdict({
            epoch: active,
            check: "claims",
            reason: `claims reached ${hxa(totals.claimed)}, over the ${hxa(activeTotal)} the active epoch settled`,
            ...at,
          });
        }
        break;
      }
      case "Transfer":
        if (getAddress(e.to) === adMarket) totals.escrow += e.value;
        if (getAddress(e.from) === adMarket) totals.escrow -= e.value;
        break;
    }
    const next = events[i + 1];
    if (!next || next.tx !== e.tx) {
      const b = escrowBreak(at);
      if (b) return verdict(b);
    }
  }
  const fin = input.finalBalance;
  if (fin && fin.balance !== totals.escrow) {
    return verdict({
      epoch: lastPosted,
      check: "escrow",
      reason: `AdMarket's HXA balance at block ${fin.block} is ${hxa(fin.balance)}, but its Transfer logs add up to ${hxa(totals.escrow)}`,
      block: fin.block,
      tx: null,
    });
  }
  return verdict();
}

/** Leaves must add up to the posted total, and nobody's cumulative may fall since the last checked epoch. */
function checkLeaves(
  epoch: bigint,
  total: bigint,
  leaves: readonly Leaf[],
  previous: ReadonlyMap<Address, bigint> | undefined,
): Omit<Break, "block" | "tx"> | undefined {
  const sum = leaves.reduce((s, [, c]) => s + c, 0n);
  if (sum !== total) {
    return {
      epoch,
      check: "total",
      reason: `its leaves add up to ${hxa(sum)}, not the posted ${hxa(total)}`,
    };
  }
  if (!previous) return undefined;
  const now = new Map(leaves.map(([a, c]) => [getAddress(a), c]));
  for (const [account, before] of previous) {
    const after = now.get(account) ?? 0n;
    if (after < before) {
      return {
        epoch,
        check: "cumulative",
        reason: `${account}'s cumulative earnings fell from ${hxa(before)} to ${hxa(after)}`,
      };
    }
  }
  return undefined;
}
