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
  "daily_budget_spent",
  "outside_schedule",
  "cell_not_targeted",
  "frequency_campaign",
  "frequency_daily",
  "ip_rate_limited",
  "impossible_travel",
  "viewer_velocity",
  "click_too_fast",
  "not_viewable",
  "earning_cap",
  "subnet_crowded",
  "ctr_outlier",
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];

/** One plain sentence per reason, for API clients that show it as is. */
export const REJECT_MESSAGES: Record<RejectReason, string> = {
  bad_signature: "The click was not signed by this session's key.",
  session_unknown: "This session is unknown: sign in again.",
  session_expired: "This session has expired: sign in again.",
  session_revoked: "This session was revoked: sign in again.",
  token_forged: "This ad link is not genuine.",
  token_expired: "This ad was shown more than 10 minutes ago: reload the ads.",
  token_used: "This ad view was already clicked and paid.",
  campaign_unknown: "This campaign does not exist.",
  campaign_not_started: "This campaign has not started yet.",
  campaign_paused: "This campaign is paused.",
  campaign_ended: "This campaign has ended.",
  budget_exhausted: "This campaign has spent its budget.",
  daily_budget_spent: "This campaign has spent today's budget: it pays again tomorrow (UTC).",
  outside_schedule: "This campaign does not run at this hour: see its schedule.",
  cell_not_targeted: "This campaign no longer targets this place.",
  frequency_campaign: "You already earned from this ad today.",
  frequency_daily: "You reached today's limit of paid clicks.",
  ip_rate_limited: "Too many clicks from this network: try again later.",
  impossible_travel: "Your location changed faster than anyone can travel.",
  viewer_velocity: "You clicked ads faster than a person reads them: wait a few seconds.",
  click_too_fast: "The ad was clicked faster than a person can see it: look at an ad before opening it.",
  not_viewable:
    "The ad was not on screen for a second before the click: keep an ad in view for a moment before opening it.",
  earning_cap: "You reached today's earning limit: clicks pay again tomorrow.",
  subnet_crowded:
    "Too many wallets are clicking ads from your network this hour: try again later or from another network.",
  ctr_outlier:
    "Withheld before payment: ads in this place or hour were clicked far more often than anywhere else for this campaign.",
};

/**
 * Invalid traffic: the least time, in ms, from the server serving an ad (its impression token) to
 * a paid click on it. The indexer's default (`CLICK_MIN_MS`); the web app waits this long after
 * its ads arrive before it sends a click, so a person is never refused for a quick hand.
 */
export const DEFAULT_CLICK_MIN_MS = 1000;
