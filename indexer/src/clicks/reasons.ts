/**
 * Why a click was not paid. Each reason is stored with the rejected click and returned to the
 * client; the web app maps each code to a sentence.
 */
export const REJECT_REASONS = [
  "bad_signature",
  "session_unknown",
  "session_expired",
  "session_revoked",
  "token_forged",
  "token_expired",
  "token_used",
  "campaign_unknown",
  "campaign_not_started",
  "campaign_paused",
  "campaign_ended",
  "budget_exhausted",
  "cell_not_targeted",
  "frequency_campaign",
  "frequency_daily",
  "ip_rate_limited",
  "impossible_travel",
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];

/** A check's verdict: `null` passes, a reason rejects. */
export type CheckResult = RejectReason | null;
