import { clickMessage, type RejectReason, splitClick, utcDayStart } from "@hexads/protocol";
import { type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client.js";
import {
  blocks,
  campaignSpend,
  campaigns,
  clicks,
  credits,
  ipWindows,
  plots,
  sessions,
  settings,
  subnetViewers,
  viewerLocks,
} from "../db/schema.js";
import type { ImpressionClaims, ImpressionTokens } from "../impressions/token.js";
import { type Settings, SPLIT_SETTING, splitFromSetting } from "../projections/settings.js";
import { checkBudget } from "./checks/budget.js";
import { checkCampaign } from "./checks/campaign.js";
import { checkDailyBudget, checkSchedule } from "./checks/delivery.js";
import { checkEarningCap } from "./checks/earningCap.js";
import { checkFrequency, type FrequencyCaps } from "./checks/frequency.js";
import { checkRateLimit } from "./checks/rateLimit.js";
import { checkReaction } from "./checks/reaction.js";
import { checkSession } from "./checks/session.js";
import { checkSignature } from "./checks/signature.js";
import { checkSubnet, type SubnetLimit, subnetOf } from "./checks/subnet.js";
import { checkTargeting } from "./checks/targeting.js";
import { checkToken } from "./checks/token.js";
import { checkTravel } from "./checks/travel.js";
import { checkVelocity, UNSIGNED_REASONS, type VelocityLimit } from "./checks/velocity.js";
import { checkViewable } from "./checks/viewable.js";

/**
 * Clicks hold this advisory lock shared while they credit; the settler takes it exclusively while
 * it assigns credits to an epoch, so no click commits "before the cutoff" after the epoch is cut.
 */
export const CREDIT_LOCK = 0x484558434c4bn;

export interface ClickPolicy {
  caps: FrequencyCaps;
  ipLimit: number;
  ipWindowSeconds: number;
  maxKmh: number;
  /** Most a viewer earns (its shares, wei) per 24 h (invalid-traffic filter). */
  earnCapPerDay: bigint;
  /** Least ms from an ad's impression token to its click (invalid-traffic filter). */
  minClickMs: number;
  /** Least ms from the signed viewability report of an ad to its click (invalid-traffic filter). */
  minViewableMs: number;
  /** A viewer's clicks on any campaigns: at most `clicks` per `seconds` (invalid-traffic filter). */
  velocity: VelocityLimit;
  /** Distinct viewers behind one /24 or /64 per window (invalid-traffic filter). */
  subnet: SubnetLimit;
  /** Account that receives the owner share of unowned plots (the treasury from the deployment). */
  treasury: string;
}

export type ClickOutcome =
  | {
      status: "accepted";
      clickId: string;
      cpc: string;
      credits: { role: "viewer" | "owner" | "protocol"; account: string; amount: string }[];
    }
  | { status: "rejected"; clickId: string; reason: RejectReason };

export interface ClickInput {
  token: string;
  signature: string;
  ip: string;
  now: number;
  /** `now` in ms, for the reaction-time and viewability checks; absent: `now` * 1000. */
  nowMs?: number;
}

const rowsOf = <R>(result: unknown) => (result as { rows: R[] }).rows;
const json = (value: unknown): SQL => sql`${JSON.stringify(value)}::jsonb`;

type Credit = { role: "viewer" | "owner" | "protocol"; account: string; amount: bigint };

/** One click as the batch carries it from its checks to its row. */
interface Pending {
  input: ClickInput;
  claims: ImpressionClaims | undefined;
  reason?: RejectReason;
  cpc?: bigint;
  credits?: Credit[];
  /** The index's tip when the click was paid. */
  atBlock?: string;
  /** The subnet whose rule let this signed click through: its viewer keeps its place there. */
  subnet?: string;
}

/**
 * Checks a batch of clicks and credits those that pass, all in one transaction (group commit):
 * each click is answered with its own outcome, exactly as if the clicks had been credited one
 * after another in input order. A paid click credits the viewer, the plot owner at this moment (or
 * the treasury) and the protocol their shares of the campaign's cpc, and the campaign's credited
 * spend grows by exactly cpc. A paid click records the index's tip (`at_block`): its owner share
 * belongs to the plot's owner at that block (attributeOwnerShares). A rejected click is recorded
 * with its reason and credits nothing.
 *
 * Invariants kept here, across batches and processes: the campaign's credited spend never exceeds
 * its budget (checked under row locks on the batch's spend rows); an impression pays at most once
 * and one viewer's clicks are checked one at a time (under the row locks of the batch's viewers,
 * and in input order inside the batch; a partial unique index on accepted clicks backs it). Locks
 * are always taken in one order (the shared credit lock, IP windows, viewers, subnets, campaign
 * spend rows, each sorted), so batches never deadlock each other.
 */
export async function creditClicks(
  db: Db,
  tokens: ImpressionTokens,
  policy: ClickPolicy,
  inputs: readonly ClickInput[],
): Promise<ClickOutcome[]> {
  const batch: Pending[] = inputs.map((input) => ({ input, claims: tokens.verify(input.token) }));
  return db.transaction(async (tx) => {
    await admit(tx, batch, policy);
    const live = batch.filter((p) => !p.reason) as (Pending & { claims: ImpressionClaims })[];
    if (live.length) await checkAndCredit(tx, live, policy);
    return write(tx, batch, policy.subnet.seconds);
  });
}

/**
 * The checks that need no lock on money: every request counts against its IP's window, then the
 * token, the session, the session key's signature, the time from the ad's serving to its click and
 * its signed viewability.
 */
async function admit(tx: Tx, batch: Pending[], policy: ClickPolicy): Promise<void> {
  const windowOf = (p: Pending) => {
    const start = p.input.now - (p.input.now % policy.ipWindowSeconds);
    return { key: `${start} ${p.input.ip}`, ip: p.input.ip, start };
  };
  const perWindow = new Map<string, { ip: string; start: number; n: number }>();
  for (const p of batch) {
    const w = windowOf(p);
    const seen = perWindow.get(w.key);
    if (seen) seen.n++;
    else perWindow.set(w.key, { ip: w.ip, start: w.start, n: 1 });
  }
  const windows = [...perWindow.values()];
  const sessionIds = [...new Set(batch.flatMap((p) => (p.claims ? [p.claims.sessionId] : [])))];
  const [state] = rowsOf<{
    windows: { ip: string; start: string; count: number }[] | null;
    sessions: { id: string; viewer: string; key: string; expires: string; revoked: string | null }[] | null;
  }>(
    await tx.execute(sql`
      with w as (
        insert into ${ipWindows} (ip, window_start, count)
        select x.ip, x.start, x.n
        from (select pg_advisory_xact_lock_shared(${CREDIT_LOCK.toString()})) l,
          jsonb_to_recordset(${json(windows)}) as x(ip text, start int8, n int4)
        order by x.ip, x.start
        on conflict (ip, window_start) do update set count = ${ipWindows}.count + excluded.count
        returning ip, window_start, count
      )
      select
        (select json_agg(json_build_object('ip', ip, 'start', window_start::text, 'count', count))
          from w) as windows,
        (select json_agg(json_build_object('id', id, 'viewer', viewer, 'key', session_key,
            'expires', expires_at::text, 'revoked', revoked_at::text))
          from ${sessions}
          where id in (select jsonb_array_elements_text(${json(sessionIds)}))) as sessions`),
  );
  // A window's count after this batch, minus this batch's later requests: the count each saw.
  const counted = new Map((state?.windows ?? []).map((w) => [`${w.start} ${w.ip}`, w.count]));
  const later = new Map(windows.map((w) => [`${w.start} ${w.ip}`, w.n]));
  const byId = new Map((state?.sessions ?? []).map((s) => [s.id, s]));
  for (const p of batch) {
    const key = windowOf(p).key;
    const left = (later.get(key) ?? 1) - 1;
    later.set(key, left);
    p.reason = checkRateLimit((counted.get(key) ?? 1) - left, policy.ipLimit) ?? undefined;
    if (p.reason) continue;
    const { claims } = p;
    if (!claims) {
      p.reason = "token_forged";
      continue;
    }
    const row = byId.get(claims.sessionId);
    const session = row && {
      expiresAt: Number(row.expires),
      revokedAt: row.revoked === null ? null : Number(row.revoked),
    };
    const nowMs = p.input.nowMs ?? p.input.now * 1000;
    p.reason =
      checkSession(session, p.input.now) ??
      (row?.viewer !== claims.viewer ? "token_forged" : null) ??
      checkSignature(row?.key ?? "", clickMessage(p.input.token), p.input.signature) ??
      checkToken({ issuedAt: claims.issuedAt, alreadyUsed: false }, p.input.now) ??
      checkReaction(nowMs - (claims.servedMs ?? claims.issuedAt * 1000), policy.minClickMs) ??
      checkViewable(claims.viewableMs, nowMs, policy.minViewableMs) ??
      undefined;
  }
}

/** The checks under the viewers' and campaigns' locks, then each paid click's credits. */
async function checkAndCredit(
  tx: Tx,
  live: (Pending & { claims: ImpressionClaims })[],
  policy: ClickPolicy,
): Promise<void> {
  // The viewers' row locks (an upsert that always updates locks like SELECT ... FOR UPDATE).
  const viewers = [...new Set(live.map((p) => p.claims.viewer))].sort();
  await tx.execute(sql`
    insert into ${viewerLocks} (viewer)
    select v from jsonb_array_elements_text(${json(viewers)}) v order by v
    on conflict (viewer) do update set viewer = excluded.viewer`);

  // Everything the checks read, one row per click. It starts after the viewers' locks are held,
  // so (read committed) it sees every click these viewers committed before.
  const input = live.map((p, k) => ({
    k,
    impression: p.claims.id,
    campaign: p.claims.campaignId.toString(),
    viewer: p.claims.viewer,
    cell: BigInt(`0x${p.claims.cell}`).toString(),
    since: p.input.now - 86_400,
    recent: p.input.now - policy.velocity.seconds,
    subnet: subnetOf(p.input.ip),
    near: p.input.now - policy.subnet.seconds,
  }));
  const nets = [...new Set(input.map((i) => i.subnet))].sort();
  const rows = rowsOf<ClickState & { k: number }>(
    await tx.execute(sql`
      -- The subnets' row locks (after the viewers'). An upsert sees the newest committed row, not
      -- this statement's snapshot, so a batch that let viewers in just before is counted.
      with n as (
        insert into ${subnetViewers} (subnet, viewers)
        select s, '{}'::jsonb from jsonb_array_elements_text(${json(nets)}) s order by s
        on conflict (subnet) do update set viewers = ${subnetViewers.viewers}
        returning subnet, viewers
      )
      select i.k,
        coalesce((n.viewers ->> i.viewer)::int8 > i.near, false) as subnet_known,
        (select count(*) from jsonb_each_text(n.viewers) m where m.value::int8 > i.near)::int
          as subnet_viewers,
        exists (
          select 1 from ${clicks} where impression_id = i.impression
            and (status = 'accepted' or reason = 'ctr_outlier')
        ) as used,
        c.id is not null as found, c.start::text, c."end"::text, c.paused, c.withdrawn, c.targets,
        c.budget::text, c.cpc::text, c.daily_budget::text, c.days_mask, c.hours_mask,
        f.day, f.campaign, f.recent,
        (select coalesce(sum(amount), 0)::text from ${credits}
          where account = i.viewer and role = 'viewer' and created_at > i.since) as earned,
        p.cell::text as prev_cell, p.seen_at::text as prev_at,
        (select owner from ${plots} where cell = i.cell) as owner,
        -- The index's tip in the same snapshot: the owner above is the owner at this block.
        (select coalesce(max(number), 0)::text from ${blocks}) as at_block,
        (select value from ${settings} where key = ${SPLIT_SETTING}) as split
      from jsonb_to_recordset(${json(input)})
        as i(k int4, impression text, campaign int8, viewer text, cell int8, since int8, recent int8,
          subnet text, near int8)
      join n on n.subnet = i.subnet
      left join ${campaigns} c on c.id = i.campaign
      cross join lateral (
        select (count(*) filter (where status = 'accepted'))::int as day,
          (count(*) filter (where status = 'accepted' and campaign_id = i.campaign))::int as campaign,
          -- Every click the viewer's own key signed lately, paid or not, counts for velocity.
          (count(*) filter (where created_at > i.recent
            and (reason is null or reason not in (select jsonb_array_elements_text(${json(UNSIGNED_REASONS)})))))::int
            as recent
        from ${clicks}
        where viewer = i.viewer and created_at > least(i.since, i.recent)
      ) f
      left join lateral (
        select cell, seen_at from ${clicks}
        where viewer = i.viewer and status = 'accepted'
        order by seen_at desc limit 1
      ) p on true`),
  );
  const stateOf = new Map(rows.map((r) => [r.k, r]));

  // Locks the campaigns' spend rows until commit: concurrent batches on one campaign queue here.
  const campaignIds = [...new Set(rows.filter((r) => r.found).map((r) => input[r.k]?.campaign as string))];
  const spent = campaignIds.length
    ? rowsOf<{ campaign_id: string; credited: string }>(
        await tx.execute(sql`
          insert into ${campaignSpend} (campaign_id, credited)
          select e::int8, 0 from jsonb_array_elements_text(${json(campaignIds)}) e
          order by e::int8
          on conflict (campaign_id) do update set credited = ${campaignSpend.credited}
          returning campaign_id::text, credited::text`),
      )
    : [];
  // `credited` already includes what epochs settled, so nothing else is subtracted.
  const pending = new Map(spent.map((s) => [s.campaign_id, BigInt(s.credited)]));
  // Each campaign's spend on each UTC day of the batch, read under the same spend row locks.
  const dayKey = (k: number) => `${input[k]?.campaign} ${utcDayStart(live[k]?.input.now ?? 0)}`;
  const capped = rows.filter((r) => r.found && BigInt(r.daily_budget ?? 0) > 0n);
  const days = [...new Set(capped.map((r) => dayKey(r.k)))].map((key) => {
    const [campaign, start] = key.split(" ");
    return { campaign, start: Number(start) };
  });
  const spentOn = new Map(
    days.length
      ? rowsOf<{ campaign: string; start: string; today: string }>(
          await tx.execute(sql`
            select d.campaign::text, d.start::text,
              (select coalesce(sum(cpc), 0)::text from ${clicks}
                where campaign_id = d.campaign and status = 'accepted'
                  and created_at >= d.start and created_at < d.start + 86400) as today
            from jsonb_to_recordset(${json(days)}) as d(campaign int8, start int8)`),
        ).map((d) => [`${d.campaign} ${d.start}`, BigInt(d.today)])
      : [],
  );

  // In input order, each click sees the ones this batch already paid, as if credited one by one.
  const paidImpressions = new Set<string>();
  const paidBy = new Map<string, { campaign: bigint; at: number; cell: string }[]>();
  const clickedBy = new Map<string, number>();
  const earnedBy = new Map<string, bigint>();
  const joined = new Map<string, Set<string>>(); // viewers this batch let into each subnet
  live.forEach((p, k) => {
    const s = stateOf.get(k);
    const subnet = input[k]?.subnet;
    if (!s || !subnet) throw new Error("the click state query returned no row");
    const earlier = clickedBy.get(p.claims.viewer) ?? 0;
    clickedBy.set(p.claims.viewer, earlier + 1);
    const newcomers = joined.get(subnet) ?? new Set<string>();
    joined.set(subnet, newcomers);
    p.reason =
      checkSubnet(
        s.subnet_known || newcomers.has(p.claims.viewer),
        s.subnet_viewers + newcomers.size,
        policy.subnet,
      ) ?? undefined;
    if (p.reason) return;
    p.subnet = subnet;
    if (!s.subnet_known) newcomers.add(p.claims.viewer);
    p.reason =
      checkVelocity(s.recent + earlier, policy.velocity) ??
      checkOne(p, s, paidImpressions.has(p.claims.id), paidBy.get(p.claims.viewer) ?? [], policy);
    const key = p.claims.campaignId.toString();
    const cpc = BigInt(s.cpc ?? 0);
    const credited = pending.get(key) ?? 0n;
    const today = spentOn.get(dayKey(k)) ?? 0n;
    p.reason ??=
      checkBudget({ budget: BigInt(s.budget ?? 0), settled: 0n, pending: credited, cpc }) ??
      checkDailyBudget({ dailyBudget: BigInt(s.daily_budget ?? 0), spentToday: today, cpc }) ??
      undefined;
    if (p.reason) return;
    const shares = splitClick(cpc, splitFromSetting(s.split));
    const inBatch = earnedBy.get(p.claims.viewer) ?? 0n;
    p.reason = checkEarningCap(BigInt(s.earned) + inBatch, shares.viewer, policy.earnCapPerDay) ?? undefined;
    if (p.reason) return;
    earnedBy.set(p.claims.viewer, inBatch + shares.viewer);
    pending.set(key, credited + cpc);
    spentOn.set(dayKey(k), today + cpc);
    paidImpressions.add(p.claims.id);
    paidBy.set(p.claims.viewer, [
      ...(paidBy.get(p.claims.viewer) ?? []),
      { campaign: p.claims.campaignId, at: p.claims.issuedAt, cell: p.claims.cell },
    ]);
    p.cpc = cpc;
    p.atBlock = s.at_block;
    p.credits = [
      { role: "viewer" as const, account: p.claims.viewer, amount: shares.viewer },
      { role: "owner" as const, account: (s.owner ?? policy.treasury).toLowerCase(), amount: shares.owner },
      { role: "protocol" as const, account: policy.treasury.toLowerCase(), amount: shares.protocol },
    ].filter((r) => r.amount > 0n);
  });
}

interface ClickState {
  /** The viewer already holds a place behind its subnet (within the window). */
  subnet_known: boolean;
  /** Distinct viewers holding a place behind the subnet (within the window). */
  subnet_viewers: number;
  used: boolean;
  found: boolean;
  start: string | null;
  end: string | null;
  paused: boolean | null;
  withdrawn: boolean | null;
  targets: string[] | null;
  budget: string | null;
  cpc: string | null;
  daily_budget: string | null;
  days_mask: number | null;
  hours_mask: number | null;
  day: number;
  campaign: number;
  recent: number;
  /** The viewer's shares of its paid clicks in the last 24 h (wei). */
  earned: string;
  prev_cell: string | null;
  prev_at: string | null;
  owner: string | null;
  at_block: string;
  split: Settings["AdMarket.SplitUpdated"] | null;
}

/** The checks of one click given the stored state and what this batch already paid its viewer. */
function checkOne(
  p: Pending & { claims: ImpressionClaims },
  s: ClickState,
  usedInBatch: boolean,
  paidInBatch: readonly { campaign: bigint; at: number; cell: string }[],
  policy: ClickPolicy,
): RejectReason | undefined {
  const { claims } = p;
  const now = p.input.now;
  if (s.used || usedInBatch) return "token_used";
  if (!s.found) return "campaign_unknown";
  const campaign = {
    start: Number(s.start),
    end: Number(s.end),
    paused: s.paused === true,
    withdrawn: s.withdrawn === true,
  };
  const inDay = paidInBatch.filter((m) => m.at > now - 86_400);
  let previous =
    s.prev_cell !== null && s.prev_at !== null
      ? { cell: BigInt(s.prev_cell).toString(16), at: Number(s.prev_at) }
      : undefined;
  for (const m of paidInBatch) if (!previous || m.at >= previous.at) previous = { cell: m.cell, at: m.at };
  return (
    checkCampaign(campaign, now) ??
    checkSchedule({ daysMask: s.days_mask ?? 0, hoursMask: s.hours_mask ?? 0 }, now) ??
    checkTargeting(claims.cell, s.targets ?? []) ??
    checkFrequency(
      {
        campaign: s.campaign + inDay.filter((m) => m.campaign === claims.campaignId).length,
        day: s.day + inDay.length,
      },
      policy.caps,
    ) ??
    checkTravel(previous, { cell: claims.cell, at: claims.issuedAt }, policy.maxKmh) ??
    undefined
  );
}

/**
 * Every click of the batch, its credits, the campaigns' new spend and the subnets' viewers (each
 * let-through viewer at its newest click, those older than `subnetSeconds` dropped), in one statement.
 */
async function write(tx: Tx, batch: Pending[], subnetSeconds: number): Promise<ClickOutcome[]> {
  const seen = new Map<string, { subnet: string; seen: Record<string, number>; since: number }>();
  for (const p of batch) {
    if (!p.subnet || !p.claims) continue;
    const net = seen.get(p.subnet) ?? { subnet: p.subnet, seen: {}, since: 0 };
    net.seen[p.claims.viewer] = Math.max(net.seen[p.claims.viewer] ?? 0, p.input.now);
    net.since = Math.max(net.since, p.input.now - subnetSeconds);
    seen.set(p.subnet, net);
  }
  const rows = batch.map((p, k) => {
    const c = p.claims;
    const paid = !p.reason && p.cpc !== undefined;
    return {
      k,
      impression: c?.id ?? null,
      campaign: c ? c.campaignId.toString() : null,
      cell: c ? BigInt(`0x${c.cell}`).toString() : null,
      viewer: c?.viewer ?? null,
      ip: p.input.ip,
      status: paid ? "accepted" : "rejected",
      reason: paid ? null : (p.reason ?? null),
      cpc: paid ? (p.cpc as bigint).toString() : null,
      at: p.input.now,
      seen: c?.issuedAt ?? null,
      block: paid ? (p.atBlock ?? null) : null,
      credits: paid ? (p.credits ?? []).map((r) => ({ ...r, amount: r.amount.toString() })) : [],
    };
  });
  const ids = rowsOf<{ k: number; id: string }>(
    await tx.execute(sql`
      with i as (
        select nextval(pg_get_serial_sequence('clicks', 'id')) as id, x.*
        from jsonb_to_recordset(${json(rows)}) as x(k int4, impression text, campaign int8,
          cell int8, viewer text, ip text, status text, reason text, cpc numeric, at int8,
          seen int8, block int8, credits jsonb)
      ),
      c as (
        insert into ${clicks}
          (id, impression_id, campaign_id, cell, viewer, ip, status, reason, cpc, created_at,
            seen_at, at_block)
        select id, impression, campaign, cell, viewer, ip, status, reason, cpc, at, seen, block
        from i order by k
      ),
      credited as (
        insert into ${credits} (click_id, account, role, amount, campaign_id, created_at)
        select i.id, r.account, r.role, r.amount, i.campaign, i.at
        from i cross join lateral jsonb_to_recordset(i.credits)
          as r(account text, role text, amount numeric)
      ),
      spent as (
        update ${campaignSpend} s set credited = s.credited + d.total
        from (
          select campaign, sum(cpc) as total from i where status = 'accepted' group by campaign
        ) d
        where s.campaign_id = d.campaign
      ),
      nets as (
        update ${subnetViewers} s set viewers = (
          select coalesce(jsonb_object_agg(m.key, m.value), '{}'::jsonb)
          from jsonb_each(s.viewers || d.seen) m where m.value::int8 > d.since
        )
        from jsonb_to_recordset(${json([...seen.values()])}) as d(subnet text, seen jsonb, since int8)
        where s.subnet = d.subnet
      )
      select k, id::text from i`),
  );
  const idOf = new Map(ids.map((r) => [r.k, r.id]));
  return rows.map((r): ClickOutcome => {
    const clickId = idOf.get(r.k) as string;
    if (r.status === "rejected") return { status: "rejected", clickId, reason: r.reason as RejectReason };
    return { status: "accepted", clickId, cpc: r.cpc as string, credits: r.credits };
  });
}
