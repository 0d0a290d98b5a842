import { DEFAULT_CLICK_MIN_MS } from "@hexads/protocol";
import type { CheckResult } from "./checkResult.js";

/**
 * Invalid traffic: a person needs time to see an ad, read it and move to it before clicking; a
 * script clicks the moment its token arrives. `elapsedMs` runs from the server issuing the
 * impression token to the server receiving the click, so network latency only adds to it.
 */
export function checkReaction(elapsedMs: number, minMs: number = DEFAULT_CLICK_MIN_MS): CheckResult {
  return elapsedMs < minMs ? "click_too_fast" : null;
}
