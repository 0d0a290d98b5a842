import type { Deployment } from "@hexads/protocol";
import type { Registry } from "prom-client";
import type { Db } from "../db/client.js";
import type { MoneyDeps } from "./moneyDeps.js";

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

/** The process's clock in ms: `nowMs` when given, else `now()` (tests' clocks tick in seconds). */
export const nowMsOf = (deps: ApiDeps): number => deps.nowMs?.() ?? deps.now() * 1000;
