export type { Break, CheckName, Leaf, Totals, Verdict } from "./check.js";
export { checkConservation } from "./check.js";
export type { EconomyEvent } from "./events.js";
export type { EconomyContracts, ReadProgress } from "./readLogs.js";
export { readEconomyLogs } from "./readLogs.js";
export type { LeafSource, VerifyResult } from "./verify.js";
export { indexerLeaves, leavesRoot, publishedLeaves, verifyEconomy } from "./verify.js";
