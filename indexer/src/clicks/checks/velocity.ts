import type { CheckResult } from "./checkResult.js";

export interface VelocityLimit {
  clicks: number;
  seconds: number;
}

/** A person does not click ads on many campaigns within seconds (the issue saw 20 in 151 ms). */
export const DEFAULT_VELOCITY: VelocityLimit = { clicks: 5, seconds: 10 };

/** `recent` counts the viewer's clicks, paid or not, in the last `seconds`, before this one. */
export function checkVelocity(recent: number, limit: VelocityLimit = DEFAULT_VELOCITY): CheckResult {
  return recent >= limit.clicks ? "viewer_velocity" : null;
}
