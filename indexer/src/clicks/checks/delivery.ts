import { type Delivery, inSchedule } from "@hexads/protocol";
import type { CheckResult } from "./checkResult.js";

/** Clicks are paid only in the campaign's schedule (UTC weekdays and hours). */
export function checkSchedule(d: Pick<Delivery, "daysMask" | "hoursMask">, now: number): CheckResult {
  return inSchedule(d, now) ? null : "outside_schedule";
}

/** The day's budget (when set) must hold one more click after what was credited this UTC day. */
export function checkDailyBudget(c: { dailyBudget: bigint; spentToday: bigint; cpc: bigint }): CheckResult {
  return c.dailyBudget === 0n || c.spentToday + c.cpc <= c.dailyBudget ? null : "daily_budget_spent";
}
