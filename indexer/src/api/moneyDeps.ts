import type { PublicClient } from "viem";
import type { ClickPolicy } from "../clicks/creditClick.js";
import type { ImpressionTokens } from "../impressions/token.js";
import type { SettlementStatus } from "../settlement/settler.js";
import type { PayoutStatus } from "./types.js";

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
