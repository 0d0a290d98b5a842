import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";

// Tables of the money path: sessions, impressions, clicks, credits and settlement epochs.
// Amounts are numeric(78) (any uint256), addresses lower-case hex, cells int8, times unix seconds.
const amount = (name: string) => numeric(name, { precision: 78, scale: 0 });
const cell = (name: string) => bigint(name, { mode: "bigint" });
const seconds = (name: string) => bigint(name, { mode: "number" });

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
