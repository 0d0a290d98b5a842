import type { RejectReason } from "@hexads/protocol";

/** Why a click was refused, said to the advertiser who did not pay for it. */
export interface ReasonNote {
  /** "invalid": fake or abusive traffic; "terms": a real click outside the campaign's terms. */
  kind: "invalid" | "terms";
  why: string;
}

/** One line per reason: a new reason without its line fails the typecheck. */
export const REASON_NOTES: Record<RejectReason, ReasonNote> = {
  bad_signature: {
    kind: "invalid",
    why: "Not signed by the viewer's session key: a forged or altered request.",
  },
  session_unknown: { kind: "invalid", why: "Sent with a session the indexer never opened." },
  session_expired: { kind: "invalid", why: "Sent with a session that had expired." },
  session_revoked: { kind: "invalid", why: "Sent with a session its wallet had revoked." },
  token_forged: { kind: "invalid", why: "The ad link was not one the indexer served." },
  token_used: { kind: "invalid", why: "A repeat click on an ad view already paid: a retry or a replay." },
  ip_rate_limited: { kind: "invalid", why: "Too many clicks from one network address within a minute." },
  impossible_travel: { kind: "invalid", why: "The viewer's position jumped faster than anyone can travel." },
  viewer_velocity: {
    kind: "invalid",
    why: "The viewer clicked ads faster than a person reads them: a bot's pace.",
  },
  click_too_fast: { kind: "invalid", why: "Clicked sooner after the ad appeared than a person can see it." },
  not_viewable: {
    kind: "invalid",
    why: "The viewer's browser never reported the ad on screen for a second before the click.",
  },
  earning_cap: { kind: "invalid", why: "The viewer's wallet had reached its daily earning limit." },
  subnet_crowded: {
    kind: "invalid",
    why: "Too many wallets clicking from one network block this hour: a click farm's pattern.",
  },
  ctr_outlier: {
    kind: "invalid",
    why: "Withheld at settlement: a place or hour whose click-through rate was far above the campaign's others.",
  },
  token_expired: { kind: "terms", why: "Clicked more than 10 minutes after the ad was shown." },
  campaign_unknown: { kind: "terms", why: "Clicked before the indexer had seen the campaign." },
  campaign_not_started: { kind: "terms", why: "Clicked before the campaign's start." },
  campaign_paused: { kind: "terms", why: "Clicked while the campaign was paused." },
  campaign_ended: { kind: "terms", why: "Clicked after the campaign ended." },
  budget_exhausted: { kind: "terms", why: "The budget had no room for another click." },
  daily_budget_spent: { kind: "terms", why: "The day's budget (UTC) had no room for another click." },
  outside_schedule: { kind: "terms", why: "Clicked outside the campaign's days and hours (UTC)." },
  cell_not_targeted: { kind: "terms", why: "Clicked in a place the campaign no longer targets." },
  frequency_campaign: { kind: "terms", why: "The viewer was already paid for this ad in the last 24 hours." },
  frequency_daily: { kind: "terms", why: "The viewer had reached its daily number of paid clicks." },
};

export interface ReportRow extends ReasonNote {
  reason: string;
  clicks: number;
}

/**
 * The campaign's refused clicks (`clicks.rejected` of its stats) by reason, most first, each with
 * its note; a reason this app does not know yet is shown as refused by the indexer.
 */
export function ivtReport(rejected: Record<string, number>) {
  const rows: ReportRow[] = Object.entries(rejected)
    .filter(([, clicks]) => clicks > 0)
    .map(([reason, clicks]) => ({
      reason,
      clicks,
      ...(REASON_NOTES[reason as RejectReason] ?? { kind: "invalid", why: "Refused by the indexer." }),
    }))
    .sort((a, b) => b.clicks - a.clicks || a.reason.localeCompare(b.reason));
  const count = (kind: ReasonNote["kind"]) =>
    rows.filter((r) => r.kind === kind).reduce((n, r) => n + r.clicks, 0);
  return { rows, invalid: count("invalid"), terms: count("terms"), total: count("invalid") + count("terms") };
}
