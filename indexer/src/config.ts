import { fileURLToPath } from "node:url";
import { DEFAULT_CLICK_MIN_MS, DEFAULT_VIEWABLE_MS, LOCAL_CHAIN_ID } from "@hexads/protocol";
import { z } from "zod";
import { DEFAULT_CTR_LIMIT } from "./clicks/checks/ctrOutlier.js";
import { DEFAULT_SUBNET_LIMIT } from "./clicks/checks/subnet.js";

/** The repository's deployments/ folder, wherever the indexer starts (`npm start -w indexer` runs in indexer/). */
const repoDeployments = fileURLToPath(new URL("../../deployments", import.meta.url));

/** Everything the indexer reads from the environment, validated once at start. */
const schema = z.object({
  RPC_URL: z.string().url().default("http://127.0.0.1:8545"),
  DEPLOYMENTS_DIR: z.string().default(repoDeployments),
  CHAIN_ID: z.coerce.number().int().positive().optional(),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default(".data"),
  PORT: z.coerce.number().int().min(0).max(65535).default(42069),
  HOST: z.string().default("127.0.0.1"),
  CONFIRMATIONS: z.coerce.number().int().min(0).optional(),
  POLL_MS: z.coerce.number().int().positive().default(1000),
  MAX_BLOCK_RANGE: z.coerce.number().int().positive().default(5000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  CORS_ORIGIN: z.string().default("*"),
  /** "all" (API + follower when elected), "api" (no follower), "follower" (no API). */
  ROLE: z.enum(["all", "api", "follower"]).default("all"),
  // Money path: ads, clicks, settlement.
  /** Hex HMAC key for impression tokens; replicas sharing a database must share it. */
  IMPRESSION_KEY: z
    .string()
    .regex(/^(0x)?([0-9a-fA-F]{2}){32,}$/)
    .optional(),
  /** Key that posts epochs (needs SETTLER_ROLE); unset on the dev chain = anvil account 0. */
  SETTLER_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/)
    .optional(),
  EPOCH_SECONDS: z.coerce.number().positive().default(3600),
  SETTLE_CHUNK: z.coerce.number().int().positive().default(200),
  /** Blocks a click's chain position and a posted epoch must be buried before they count as settled. */
  SETTLE_CONFIRMATIONS: z.coerce.number().int().min(0).optional(),
  /** Sponsored payouts: the operator key that sends claimBatch for accounts (needs ETH, no role). Unset = off. */
  PAYOUT_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/)
    .optional(),
  /** Smallest claimable amount, in HXA (decimal), that the operator pays out. */
  PAYOUT_MIN: z
    .string()
    .regex(/^\d+(\.\d{1,18})?$/, "an HXA amount such as 1 or 0.5")
    .default("1"),
  /** Payout rounds run at every multiple of this many seconds (unix time). */
  PAYOUT_INTERVAL_SECONDS: z.coerce.number().int().positive().default(3600),
  /** Accounts per claimBatch transaction. */
  PAYOUT_BATCH: z.coerce.number().int().min(1).max(200).default(50),
  /** Crash drills only: the settler dies by SIGKILL right after building an epoch or after posting it. */
  HEXADS_CRASH_AT: z.enum(["after-build", "after-post"]).optional(),
  ADS_MAX: z.coerce.number().int().min(1).max(50).default(5),
  CLICK_CAP_PER_CAMPAIGN: z.coerce.number().int().min(1).default(1),
  CLICK_CAP_PER_DAY: z.coerce.number().int().min(1).default(50),
  CLICK_IP_LIMIT: z.coerce.number().int().min(1).default(60),
  CLICK_IP_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  /** Invalid traffic: a viewer's clicks on any campaigns, at most this many per window. */
  CLICK_VELOCITY_MAX: z.coerce.number().int().min(1).default(5),
  CLICK_VELOCITY_SECONDS: z.coerce.number().int().min(1).default(10),
  /** Invalid traffic: distinct viewers whose signed clicks one /24 (IPv4) or /64 (IPv6) carries per window. */
  CLICK_SUBNET_VIEWERS: z.coerce.number().int().min(1).default(DEFAULT_SUBNET_LIMIT.viewers),
  CLICK_SUBNET_WINDOW_SECONDS: z.coerce.number().int().min(1).default(DEFAULT_SUBNET_LIMIT.seconds),
  /** Invalid traffic: most a viewer earns (its shares of paid clicks) per 24 h, in HXA (decimal). */
  CLICK_EARN_CAP_PER_DAY: z
    .string()
    .regex(/^\d+(\.\d{1,18})?$/, "an HXA amount such as 100 or 0.5")
    .default("100"),
  /** Invalid traffic: least ms from serving an ad (its impression token) to a paid click on it. */
  CLICK_MIN_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_CLICK_MIN_MS),
  /** Invalid traffic: a cell or hour of a campaign clicked this many times more than its peers is withheld. */
  CLICK_CTR_RATIO: z.coerce.number().min(1).default(DEFAULT_CTR_LIMIT.ratio),
  /** Paid clicks a cell or hour needs before its click-through rate is judged. */
  CLICK_CTR_MIN_CLICKS: z.coerce.number().int().min(1).default(DEFAULT_CTR_LIMIT.minClicks),
  /**
   * Invalid traffic: least ms from the signed report that an ad is on screen to a paid click on it
   * (0: the report is still required, of any age).
   */
  CLICK_VIEWABLE_MS: z.coerce.number().int().min(0).max(60_000).default(DEFAULT_VIEWABLE_MS),
  MAX_TRAVEL_KMH: z.coerce.number().positive().default(500),
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false"])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** Blocks to wait before indexing: the dev chain never reorgs on its own; elsewhere wait 12. */
export const confirmationsFor = (config: Config, chainId: number) =>
  config.CONFIRMATIONS ?? (chainId === LOCAL_CHAIN_ID ? 0 : 12);
