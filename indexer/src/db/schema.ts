import {
  bigint,
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
} from "drizzle-orm/pg-core";

// H3 cells are stored as int8 (a 64-bit H3 index always has its top bit clear), amounts as
// numeric(78) (any uint256), addresses as lowercase 0x-hex text.
const cell = (name: string) => bigint(name, { mode: "bigint" });
const block = (name: string) => bigint(name, { mode: "bigint" });
const amount = (name: string) => numeric(name, { precision: 78, scale: 0 });

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
    targets: jsonb("targets").$type<string[]>().notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
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
export * from "./moneySchema.js";
