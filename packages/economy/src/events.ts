import { type Address, type Hex, type Log, parseEventLogs } from "viem";
import { adMarketAbi, hexTokenAbi } from "./abis.js";

/** Where a log sits on the chain: the order the checker replays logs in. */
export interface LogPosition {
  block: bigint;
  logIndex: number;
  tx: Hex;
}

/** The logs the value loop is made of, reduced to what conservation needs. */
export type EconomyEvent = LogPosition &
  (
    | { kind: "CampaignCreated"; campaignId: bigint; advertiser: Address; budget: bigint; cpc: bigint }
    | { kind: "CampaignToppedUp"; campaignId: bigint; amount: bigint }
    | { kind: "CampaignWithdrawn"; campaignId: bigint; amount: bigint }
    | { kind: "CampaignSpendSettled"; campaignId: bigint; epochId: bigint; spent: bigint; previous: bigint }
    | { kind: "CampaignSpendUndone"; campaignId: bigint; epochId: bigint; spent: bigint }
    | {
        kind: "EpochPosted";
        epochId: bigint;
        root: Hex;
        total: bigint;
        parent: bigint;
        activatesAt: bigint;
        leavesHash: Hex;
      }
    | { kind: "EpochActivated"; epochId: bigint }
    | { kind: "EpochVetoed"; epochId: bigint }
    | { kind: "Claimed"; account: Address; amount: bigint; cumulative: bigint }
    | { kind: "Transfer"; from: Address; to: Address; value: bigint }
    | { kind: "SplitUpdated"; viewerBps: number; ownerBps: number; protocolBps: number }
    // Changes to who may post or veto, announced a challenge period ahead: a watcher says so.
    | { kind: "RoleGrantScheduled" | "RoleRevokeScheduled"; role: Hex; account: Address; readyAt: bigint }
    | { kind: "ChallengePeriodScheduled"; period: bigint; readyAt: bigint }
    | { kind: "DefaultAdminTransferScheduled"; newAdmin: Address; readyAt: bigint }
  );

const position = (l: Log<bigint, number, false>): LogPosition => ({
  block: l.blockNumber,
  logIndex: l.logIndex,
  tx: l.transactionHash,
});

/** Decodes AdMarket logs and HXA Transfer logs; logs of other events are left out. */
export function toEconomyEvents(adMarketLogs: Log[], transferLogs: Log[]): EconomyEvent[] {
  const out: EconomyEvent[] = [];
  for (const l of parseEventLogs({ abi: adMarketAbi, logs: adMarketLogs })) {
    const at = position(l as Log<bigint, number, false>);
    switch (l.eventName) {
      case "CampaignCreated":
        out.push({
          ...at,
          kind: l.eventName,
          campaignId: l.args.campaignId,
          advertiser: l.args.advertiser,
          budget: l.args.budget,
          cpc: l.args.cpc,
        });
        break;
      case "CampaignToppedUp":
        out.push({ ...at, kind: l.eventName, campaignId: l.args.campaignId, amount: l.args.amount });
        break;
      case "CampaignWithdrawn":
        out.push({ ...at, kind: l.eventName, campaignId: l.args.campaignId, amount: l.args.amount });
        break;
      case "CampaignSpendSettled":
        out.push({
          ...at,
          kind: l.eventName,
          campaignId: l.args.campaignId,
          epochId: l.args.epochId,
          spent: l.args.spent,
          previous: l.args.previous,
        });
        break;
      case "EpochPosted":
        out.push({
          ...at,
          kind: l.eventName,
          epochId: l.args.epochId,
          root: l.args.root,
          total: l.args.total,
          parent: l.args.parent,
          activatesAt: BigInt(l.args.activatesAt),
          leavesHash: l.args.leavesHash,
        });
        break;
      case "CampaignSpendUndone":
        out.push({
          ...at,
          kind: l.eventName,
          campaignId: l.args.campaignId,
          epochId: l.args.epochId,
          spent: l.args.spent,
        });
        break;
      case "EpochActivated":
      case "EpochVetoed":
        out.push({ ...at, kind: l.eventName, epochId: l.args.epochId });
        break;
      case "SplitUpdated":
        out.push({ ...at, kind: l.eventName, ...l.args });
        break;
      case "RoleGrantScheduled":
      case "RoleRevokeScheduled":
        out.push({ ...at, kind: l.eventName, ...l.args });
        break;
      case "ChallengePeriodScheduled":
        out.push({ ...at, kind: l.eventName, ...l.args });
        break;
      case "DefaultAdminTransferScheduled":
        out.push({
          ...at,
          kind: l.eventName,
          newAdmin: l.args.newAdmin,
          readyAt: BigInt(l.args.acceptSchedule),
        });
        break;
      case "Claimed":
        out.push({
          ...at,
          kind: l.eventName,
          account: l.args.account,
          amount: l.args.amount,
          cumulative: l.args.cumulative,
        });
        break;
    }
  }
  for (const l of parseEventLogs({ abi: hexTokenAbi, eventName: "Transfer", logs: transferLogs })) {
    out.push({ ...position(l as Log<bigint, number, false>), kind: "Transfer", ...l.args });
  }
  return out.sort((x, y) => (x.block === y.block ? x.logIndex - y.logIndex : x.block < y.block ? -1 : 1));
}
