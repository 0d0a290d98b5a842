import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// H3 cells are stored as int8 (a 64-bit H3 index always has its top bit clear), amounts as
// numeric(78) (any uint256), addresses as lowercase 0x-hex text.
const cell = (name: string) => bigint(name, { mode: "bigint" });
const block = (name: string) => bigint(name, { mode: "bigint" });
const amount = (name: string) => numeric(name, { precision: 78, scale: 0 });
const seconds = (name: string) => bigint(name, { mode: "number" });

/** Blocks the follower has processed, with their hashes: the reorg detector compares these to the chain. */
export const blocks = pgTable("blocks", {
  number: block("number").primaryKey(),
  hash: text("hash").notNull(),
  parentHash: text("parent_hash").notNull(),
  timestamp: bigint("timestamp", { mode: "number" }).notNull(),
});

/**
 * Every decoded log, append-only. (block_number, log_index) is the idempotency key: a log is applied
 * once. Key columns let a rollback find which projected rows a removed log touched.
 */
export const events = pgTable(
  "events",
  {
    blockNumber: block("block_number").notNull(),
    logIndex: integer("log_index").notNull(),
    blockTimestamp: bigint("block_timestamp", { mode: "number" }).notNull(),
    txHash: text("tx_hash").notNull(),
    contract: text("contract").notNull(),
    name: text("name").notNull(),
    args: jsonb("args").$type<Record<string, string | string[] | number | boolean>>().notNull(),
    cell: cell("cell"),
    campaignId: bigint("campaign_id", { mode: "bigint" }),
    epochId: bigint("epoch_id", { mode: "bigint" }),
    account: text("account"),
  },
  (t) => [
    primaryKey({ columns: [t.blockNumber, t.logIndex] }),
    index("events_cell_idx").on(t.cell),
    index("events_campaign_idx").on(t.campaignId),
    index("events_account_idx").on(t.account),
    index("events_name_idx").on(t.name),
  ],
);

/** Current state of every plot ever bought. */
export const plots = pgTable(
  "plots",
  {
    cell: cell("cell").primaryKey(),
    owner: text("owner").notNull(),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    boughtPrice: amount("bought_price").notNull(),
    boughtAt: bigint("bought_at", { mode: "number" }).notNull(),
    listingSeller: text("listing_seller"),
    listingPrice: amount("listing_price"),
    listingExpiry: bigint("listing_expiry", { mode: "number" }),
    lastSalePrice: amount("last_sale_price"),
  },
  (t) => [index("plots_owner_idx").on(t.owner), index("plots_latlng_idx").on(t.lat, t.lng)],
);

/**
 * Each buyer's latest offer on each plot (one per pair, as on-chain) with how it ended: an open
 * offer holds HXA in Plots; whether it can still be accepted depends on the plot's owner and the clock.
 */
export const offers = pgTable(
  "offers",
  {
    cell: cell("cell").notNull(),
    buyer: text("buyer").notNull(),
    /** The owner the offer was made to: only it, while it holds the plot, may accept. */
    seller: text("seller").notNull(),
    amount: amount("amount").notNull(),
    expiry: bigint("expiry", { mode: "number" }).notNull(),
    status: text("status", { enum: ["open", "cancelled", "withdrawn", "accepted"] }).notNull(),
    madeAt: bigint("made_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cell, t.buyer] }),
    index("offers_buyer_idx").on(t.buyer),
    index("offers_seller_idx").on(t.seller),
  ],
);

/** Current state of every campaign. */
export const campaigns = pgTable(
  "campaigns",
  {
    id: bigint("id", { mode: "bigint" }).primaryKey(),
    advertiser: text("advertiser").notNull(),
    budget: amount("budget").notNull(),
    spent: amount("spent").notNull(),
    cpc: amount("cpc").notNull(),
    start: bigint("start", { mode: "number" }).notNull(),
    end: bigint("end", { mode: "number" }).notNull(),
    paused: boolean("paused").notNull(),
    withdrawn: boolean("withdrawn").notNull(),
    creativeUri: text("creative_uri").notNull(),
    /** When the advertiser last replaced the creative (CreativeUpdated); null: the launch one. */
    creativeUpdatedAt: bigint("creative_updated_at", { mode: "number" }),
    targets: jsonb("targets").$type<string[]>().notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    // Delivery (CampaignDeliveryUpdated, UTC; see @hexads/protocol delivery.ts): most spent per
    // UTC day (0: no limit), the weekdays (bit 0 = Sunday) and hours it runs.
    dailyBudget: amount("daily_budget").notNull().default("0"),
    daysMask: smallint("days_mask").notNull().default(0x7f),
    hoursMask: integer("hours_mask").notNull().default(0xffffff),
  },
  (t) => [index("campaigns_advertiser_idx").on(t.advertiser)],
);

/** Campaign targets expanded for lookup: a plot matches when its parent at `res` equals `cell`. */
export const campaignTargets = pgTable(
  "campaign_targets",
  {
    campaignId: bigint("campaign_id", { mode: "bigint" }).notNull(),
    cell: cell("cell").notNull(),
    res: smallint("res").notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.cell] }), index("campaign_targets_cell_idx").on(t.cell)],
);

/** Settlement epochs as posted on-chain. */
export const epochs = pgTable("epochs", {
  id: bigint("id", { mode: "bigint" }).primaryKey(),
  root: text("root").notNull(),
  total: amount("total").notNull(),
  cutoff: bigint("cutoff", { mode: "number" }).notNull(),
  activatesAt: bigint("activates_at", { mode: "number" }).notNull(),
  status: text("status", { enum: ["pending", "active", "vetoed"] }).notNull(),
  postedAt: bigint("posted_at", { mode: "number" }).notNull(),
  txHash: text("tx_hash").notNull(),
});

/** What each account has claimed on-chain so far. */
export const claimTotals = pgTable("claim_totals", {
  account: text("account").primaryKey(),
  claimed: amount("claimed").notNull(),
});

/** Protocol settings read from events: split, min cpc, challenge period, prices, fee, treasuries. */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<Record<string, string>>().notNull(),
});

// Tables the chain does not hold: sessions, impressions, clicks, credits and settlement epochs,
// written by the API and the settler. Times are unix seconds.

/** Viewer sessions: the wallet signed once that `sessionKey` (P-256, uncompressed hex) acts for it. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    viewer: text("viewer").notNull(),
    sessionKey: text("session_key").notNull(),
    expiresAt: seconds("expires_at").notNull(),
    revokedAt: seconds("revoked_at"),
    createdAt: seconds("created_at").notNull(),
  },
  (t) => [index("sessions_viewer_idx").on(t.viewer)],
);

/** Every ad served, keyed by the random id inside its token. */
export const impressions = pgTable(
  "impressions",
  {
    id: text("id").primaryKey(),
    campaignId: bigint("campaign_id", { mode: "bigint" }).notNull(),
    cell: cell("cell").notNull(),
    viewer: text("viewer").notNull(),
    sessionId: text("session_id").notNull(),
    issuedAt: seconds("issued_at").notNull(),
  },
  (t) => [index("impressions_campaign_idx").on(t.campaignId, t.issuedAt)],
);

/**
 * Every click request, paid or not. At most one accepted click per impression (partial unique
 * index): that index, not application code, is what stops retries and races from paying twice.
 */
export const clicks = pgTable(
  "clicks",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    impressionId: text("impression_id"),
    campaignId: bigint("campaign_id", { mode: "bigint" }),
    cell: cell("cell"),
    viewer: text("viewer"),
    ip: text("ip").notNull(),
    status: text("status", { enum: ["accepted", "rejected"] }).notNull(),
    reason: text("reason"),
    cpc: amount("cpc"),
    createdAt: seconds("created_at").notNull(),
    /** Issue time of the token: the moment the viewer was at `cell` (impossible-travel checks). */
    seenAt: seconds("seen_at"),
    /**
     * Newest block the index held when the click was paid: the chain position at which its owner
     * share is attributed (see attributeOwnerShares). Null on rejected clicks.
     */
    atBlock: bigint("at_block", { mode: "bigint" }),
  },
  (t) => [
    uniqueIndex("clicks_paid_impression_uq").on(t.impressionId).where(sql`${t.status} = 'accepted'`),
    index("clicks_campaign_idx").on(t.campaignId, t.createdAt),
    index("clicks_viewer_idx").on(t.viewer, t.createdAt),
  ],
);

/** What each paid click owes to whom. `epochId` is null until an epoch settles the credit. */
export const credits = pgTable(
  "credits",
  {
    id: bigserial("id", { mode: "bigint" }).primaryKey(),
    clickId: bigint("click_id", { mode: "bigint" }).notNull(),
    account: text("account").notNull(),
    role: text("role", { enum: ["viewer", "owner", "protocol"] }).notNull(),
    amount: amount("amount").notNull(),
    campaignId: bigint("campaign_id", { mode: "bigint" }).notNull(),
    createdAt: seconds("created_at").notNull(),
    epochId: bigint("epoch_id", { mode: "bigint" }),
  },
  (t) => [
    index("credits_account_idx").on(t.account),
    index("credits_epoch_idx").on(t.epochId),
    index("credits_campaign_idx").on(t.campaignId),
  ],
);

/** Spend credited off-chain per campaign (settled or not): the budget check's row lock. */
export const campaignSpend = pgTable("campaign_spend", {
  campaignId: bigint("campaign_id", { mode: "bigint" }).primaryKey(),
  credited: amount("credited").notNull(),
});

/** Per-viewer lock row, so one viewer's clicks are checked (caps, travel) one at a time. */
export const viewerLocks = pgTable("viewer_locks", {
  viewer: text("viewer").primaryKey(),
});

/** Click requests per IP per fixed window. */
export const ipWindows = pgTable(
  "ip_windows",
  {
    ip: text("ip").notNull(),
    windowStart: seconds("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ip, t.windowStart] })],
);

/**
 * Per subnet (/24, /64): the viewers whose signed clicks the subnet rule let through, each with its
 * newest such click's time, pruned to the rule's window. The row is also the rule's lock.
 */
export const subnetViewers = pgTable("subnet_viewers", {
  subnet: text("subnet").primaryKey(),
  viewers: jsonb("viewers").$type<Record<string, number>>().notNull(),
});

/**
 * Epochs as built by this settler, persisted before anything is sent, so a crash re-sends exactly
 * the same content. `status`: built (maybe sent) → posted (receipt seen or found on-chain), or
 * vetoed (the guardian vetoed it or an epoch it built on: its credits went back to be re-cut).
 */
export const settlementEpochs = pgTable("settlement_epochs", {
  id: bigint("id", { mode: "bigint" }).primaryKey(),
  root: text("root").notNull(),
  total: amount("total").notNull(),
  cutoff: seconds("cutoff").notNull(),
  leafCount: integer("leaf_count").notNull(),
  /** Cumulative spend of each campaign touched by this epoch: [campaignId, cumulative] pairs. */
  spends: jsonb("spends").$type<[string, string][]>().notNull(),
  status: text("status", { enum: ["built", "posted", "vetoed"] }).notNull(),
  txHash: text("tx_hash"),
  builtAt: seconds("built_at").notNull(),
  postedAt: seconds("posted_at"),
});

/** Every leaf of every epoch (account, cumulative earnings), for proofs and public audit. */
export const epochLeaves = pgTable(
  "epoch_leaves",
  {
    epochId: bigint("epoch_id", { mode: "bigint" }).notNull(),
    account: text("account").notNull(),
    cumulative: amount("cumulative").notNull(),
  },
  (t) => [primaryKey({ columns: [t.epochId, t.account] })],
);
