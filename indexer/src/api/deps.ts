import type { Deployment } from "@hexads/protocol";
import type { Registry } from "prom-client";
import type { PublicClient } from "viem";
import type { ClickPolicy } from "../clicks/creditClick.js";
import type { Db } from "../db/client.js";
import type { ImpressionTokens } from "../impressions/token.js";
import type { PayoutStatus, SettlementStatus } from "./schemas/status.js";

/** What the API needs from the running process. */
export interface ApiDeps {
  db: Db;
  dbKind: "pglite" | "postgres";
  deployment: Deployment;
  /** Chain head and indexed block as last seen by this process (the follower, or a DB read). */
  progress: () => Promise<{ head: bigint; indexed: bigint; leader: boolean }>;
  /** Blocks the follower waits behind the head before indexing (CONFIRMATIONS); absent: 0. */
  confirmations?: number;
  /** Unix seconds; injectable so tests control campaign windows. */
  now: () => number;
  /** Unix ms, for sub-second timing (the reaction-time check); absent: `now()` in ms. */
  nowMs?: () => number;
  registry: Registry;
  corsOrigin: string;
  /** Sessions, ads, clicks, earnings, epoch detail and campaign stats (the money path). */
  money?: MoneyDeps;
}

/** What the money routes (sessions, ads, clicks, earnings, epochs, stats) need beyond ApiDeps. */
export interface MoneyDeps {
  client: PublicClient;
  tokens: ImpressionTokens;
  policy: ClickPolicy;
  /** At most this many ads per request. */
  maxAds: number;
  /** Take the client IP from X-Forwarded-For (behind a trusted proxy only). */
  trustProxy: boolean;
  /** The settler's state when this process runs it (for /status). */
  settlement?: () => SettlementStatus | undefined;
  /**
   * Sponsored payouts, when this deployment runs them: the schedule (for the earnings route) and,
   * in the process running the job, its state (for /status).
   */
  payouts?: { threshold: bigint; intervalSeconds: number; status?: () => PayoutStatus };
}

/** The process's clock in ms: `nowMs` when given, else `now()` (tests' clocks tick in seconds). */
export const nowMsOf = (deps: ApiDeps): number => deps.nowMs?.() ?? deps.now() * 1000;
