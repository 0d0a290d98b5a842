import { sql } from "drizzle-orm";
import { type CtrLimit, ctrOutliers, isOutlier } from "../clicks/checks/ctrOutlier.js";
import { subnetOf } from "../clicks/checks/subnet.js";
import { UNSIGNED_REASONS } from "../clicks/checks/velocity.js";
import type { Tx } from "../db/client.js";
import { campaignSpend, clicks, credits, impressions } from "../db/schema.js";

interface GroupCount {
  campaign: string;
  by: "cell" | "hour";
  key: string;
  shown: number;
  clicked: number;
}

const rowsOf = <R>(result: unknown) => (result as { rows: R[] }).rows;

/**
 * Invalid traffic seen only in aggregate: before an epoch is cut at `cutoff`, every campaign with
 * unsettled credits has its impressions of the last `limit.seconds` grouped by cell and by hour
 * (of serving), and a group whose click-through rate is far above its peers' (ctrOutliers) has
 * its unsettled paid clicks withheld, those of networks carrying several of its clickers first, and
 * the rest too if the group stands out even without them: each becomes rejected with `ctr_outlier`, its credits are
 * deleted and its campaign's credited spend drops by its cpc, so it is neither paid nor charged.
 * Clicks already settled stay paid. Runs inside the cut, under the exclusive credit lock.
 * Returns how many clicks were withheld.
 */
export async function withholdOutliers(tx: Tx, cutoff: number, limit: CtrLimit): Promise<number> {
  // A click the viewer's key signed, paid or not: only those say what the viewer did.
  const signed = sql`(reason is null or reason not in (select jsonb_array_elements_text(${JSON.stringify(UNSIGNED_REASONS)}::jsonb)))`;
  const groups = rowsOf<{ campaign: string; cell: string; hour: string; shown: number; clicked: number }>(
    await tx.execute(sql`
      select i.campaign_id::text as campaign, i.cell::text as cell, (i.issued_at / 3600)::text as hour,
        count(*)::int as shown, count(c.impression_id)::int as clicked
      from ${impressions} i
      -- Clicked: the viewer's key signed a click on it, paid or not (a withheld click still counts).
      left join (
        select distinct impression_id from ${clicks}
        where ${signed} and created_at > ${cutoff - limit.seconds}
      ) c on c.impression_id = i.id
      where i.issued_at > ${cutoff - limit.seconds}
        and i.campaign_id in (
          select distinct campaign_id from ${credits} where epoch_id is null and created_at < ${cutoff})
      group by 1, 2, 3`),
  );
  // Per campaign, the same impressions pooled by cell and by hour.
  const pools = new Map<string, GroupCount>();
  for (const g of groups) {
    for (const by of ["cell", "hour"] as const) {
      const id = `${g.campaign} ${by} ${g[by]}`;
      const pool = pools.get(id) ?? { campaign: g.campaign, by, key: g[by], shown: 0, clicked: 0 };
      pool.shown += g.shown;
      pool.clicked += g.clicked;
      pools.set(id, pool);
    }
  }
  // A cell's peers are the campaign's other cells; an hour's, its other hours.
  const peers = new Map<string, GroupCount[]>();
  for (const pool of pools.values()) {
    const id = `${pool.campaign} ${pool.by}`;
    peers.set(id, [...(peers.get(id) ?? []), pool]);
  }
  const flagged = [...peers.values()].flatMap((set) => {
    const outliers = ctrOutliers(
      set.map((p) => ({ ...p, key: p })),
      limit,
    );
    const normal = set.filter((p) => !outliers.includes(p));
    const rate =
      (normal.reduce((n, p) => n + p.clicked, 0) + 1) / (normal.reduce((n, p) => n + p.shown, 0) + 2);
    return outliers.map((p) => ({ ...p, peer: rate }));
  });
  if (!flagged.length) return 0;
  const signedClicks = rowsOf<{
    id: string;
    viewer: string;
    ip: string;
    campaign: string;
    cell: string;
    hour: string;
    open: boolean;
  }>(
    await tx.execute(sql`
      select distinct on (c.impression_id) c.id::text, c.viewer, c.ip, i.campaign_id::text as campaign,
        i.cell::text as cell, (i.issued_at / 3600)::text as hour,
        (c.status = 'accepted' and c.created_at < ${cutoff} and exists (
          select 1 from ${credits} r where r.click_id = c.id and r.epoch_id is null)) as open
      from ${clicks} c join ${impressions} i on i.id = c.impression_id
      where ${signed} and c.created_at > ${cutoff - limit.seconds} and i.issued_at > ${cutoff - limit.seconds}
        and i.campaign_id in (select jsonb_array_elements_text(${JSON.stringify([...new Set(flagged.map((f) => f.campaign))])}::jsonb)::int8)
      order by c.impression_id, (c.status = 'accepted') desc, c.id`),
  );
  const ids = new Set<string>();
  for (const group of flagged) {
    const mine = signedClicks.filter((c) => c.campaign === group.campaign && c[group.by] === group.key);
    // First the clicks of networks that carried several of the group's clickers (a farm's, an
    // office's); if the group is still far above its peers without them, all of its clicks.
    const viewersOf = new Map<string, Set<string>>();
    for (const c of mine)
      viewersOf.set(subnetOf(c.ip), (viewersOf.get(subnetOf(c.ip)) ?? new Set()).add(c.viewer));
    const crowded = mine.filter((c) => (viewersOf.get(subnetOf(c.ip))?.size ?? 0) > 1);
    const rest = { shown: group.shown, clicked: group.clicked - crowded.length };
    for (const c of isOutlier(rest, group.peer, limit) ? mine : crowded) if (c.open) ids.add(c.id);
  }
  if (!ids.size) return 0;
  const [withheld] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      with w as (
        update ${clicks} c set status = 'rejected', reason = 'ctr_outlier', cpc = null, at_block = null
        where c.id in (select jsonb_array_elements_text(${JSON.stringify([...ids])}::jsonb)::int8)
        returning c.id
      ),
      -- A click's credits add up to its cpc: what its campaign is no longer charged.
      gone as (delete from ${credits} r using w where r.click_id = w.id returning r.campaign_id, r.amount),
      spent as (
        update ${campaignSpend} s set credited = s.credited - d.total
        from (select campaign_id, sum(amount) as total from gone group by campaign_id) d
        where s.campaign_id = d.campaign_id
      )
      select count(*)::int as n from w`),
  );
  return withheld?.n ?? 0;
}
