import { DEFAULT_CLICK_MIN_MS } from "@hexads/protocol";
import type { CheckResult } from "./checkResult.js";

/**
 * Invalid traffic: a person needs time to see an ad, read it and move to it before clicking; a
 * script clicks the moment its token arrives. `elapsedMs` runs from the server issuing the
 * impression token to the server receiving the click, so network latency only adds to it. A
 * minimum of 0 turns the rule off, even for a token dated ahead of this replica's clock.
 */
export function checkReaction(elapsedMs: number, minMs: number = DEFAULT_CLICK_MIN_MS): CheckResult {
  return minMs > 0 && elapsedMs < minMs ? "click_too_fast" : null;
}
