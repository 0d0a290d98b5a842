import { describeSchedule } from "@hexads/protocol";
import { desc, eq } from "drizzle-orm";
import { cellToLatLng } from "h3-js";
import type { Db } from "../db/client.js";
import { type campaigns, epochs, type plots } from "../db/schema.js";
import { gazetteer } from "../places/gazetteer.js";
import { activeCampaignsForCells } from "../queries/activeCampaignsForCells.js";
import type { Campaign, CampaignStatus, Epoch, EpochState } from "./schemas/campaigns.js";
import type { Plot } from "./schemas/plots.js";

export const cellHex = (cell: bigint) => cell.toString(16);

export function plotJson(row: typeof plots.$inferSelect, activeAds: number): Plot {
  return {
    cell: cellHex(row.cell),
    owner: row.owner,
    lat: row.lat,
    lng: row.lng,
    place: gazetteer().nearest(row.lat, row.lng),
    boughtPrice: row.boughtPrice,
    boughtAt: row.boughtAt,
    lastSalePrice: row.lastSalePrice,
    listing:
      row.listingSeller && row.listingPrice && row.listingExpiry !== null
        ? { seller: row.listingSeller, price: row.listingPrice, expiry: row.listingExpiry }
        : null,
    activeAds,
  };
}

/** Plot rows as served, each with the number of active campaigns targeting it at `now`. */
export async function plotsWithAds(
  db: Db,
  rows: (typeof plots.$inferSelect)[],
  now: number,
): Promise<Plot[]> {
  const ads = await activeCampaignsForCells(
    db,
    rows.map((r) => r.cell),
    now,
  );
  return rows.map((r) => plotJson(r, ads.get(r.cell)?.length ?? 0));
}

export function campaignStatus(c: typeof campaigns.$inferSelect, now: number): CampaignStatus {
  if (c.withdrawn) return "withdrawn";
  if (now >= c.end) return "ended";
  if (c.paused) return "paused";
  if (BigInt(c.budget) - BigInt(c.spent) < BigInt(c.cpc)) return "exhausted";
  if (now < c.start) return "scheduled";
  return "active";
}

export function campaignJson(c: typeof campaigns.$inferSelect, now: number): Campaign {
  return {
    id: c.id.toString(),
    advertiser: c.advertiser,
    budget: c.budget,
    spent: c.spent,
    cpc: c.cpc,
    start: c.start,
    end: c.end,
    paused: c.paused,
    withdrawn: c.withdrawn,
    status: campaignStatus(c, now),
    creativeUri: c.creativeUri,
    creativeUpdatedAt: c.creativeUpdatedAt,
    delivery: {
      dailyBudget: c.dailyBudget,
      daysMask: c.daysMask,
      hoursMask: c.hoursMask,
      schedule: describeSchedule(c),
    },
    targets: c.targets,
    places: targetPlaces(c.targets),
    createdAt: c.createdAt,
  };
}

/** An epoch's state given the active epoch's id: anything non-vetoed below it is superseded. */
export function epochState(
  e: Pick<typeof epochs.$inferSelect, "id" | "status">,
  activeId: bigint,
): EpochState {
  if (e.status === "vetoed") return "vetoed";
  if (e.id === activeId) return "active";
  return e.id < activeId ? "superseded" : "pending";
}

export const epochJson = (e: typeof epochs.$inferSelect, activeId: bigint): Epoch => ({
  ...e,
  id: e.id.toString(),
  status: epochState(e, activeId),
});

/** Id of the newest activated epoch (0 before any). */
export async function activeEpochId(db: Db): Promise<bigint> {
  const [row] = await db
    .select({ id: epochs.id })
    .from(epochs)
    .where(eq(epochs.status, "active"))
    .orderBy(desc(epochs.id))
    .limit(1);
  return row?.id ?? 0n;
}

/** The distinct places at the centres of a campaign's target cells, most targeted first, at most 5. */
export function targetPlaces(targets: string[]): string[] {
  const counts = new Map<string, number>();
  for (const t of targets) {
    const { name, country } = gazetteer().nearest(...cellToLatLng(t));
    const label = `${name}, ${country}`;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([label]) => label);
}
