import { DEFAULT_VIEWABLE_MS } from "@hexads/protocol";
import type { CheckResult } from "./checkResult.js";

/**
 * Invalid traffic, signed viewability: a click is paid only on a token whose viewer's session
 * reported the ad at least half on screen (POST /impressions/viewable) at least `minMs` before the
 * click, both dated by the server. `viewableMs` absent: never reported. A minimum of 0 still
 * requires the report and drops only its age.
 */
export function checkViewable(
  viewableMs: number | undefined,
  nowMs: number,
  minMs: number = DEFAULT_VIEWABLE_MS,
): CheckResult {
  if (viewableMs === undefined) return "not_viewable";
  return minMs > 0 && nowMs - viewableMs < minMs ? "not_viewable" : null;
}
