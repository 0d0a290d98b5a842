import type { campaigns, epochs, plots } from "../db/schema.js";
import type { Campaign, CampaignStatus, Epoch, Plot } from "./types.js";

export const cellHex = (cell: bigint) => cell.toString(16);

export function plotJson(row: typeof plots.$inferSelect, activeAds: number): Plot {
  return {
    cell: cellHex(row.cell),
    owner: row.owner,
    lat: row.lat,
    lng: row.lng,
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
    targets: c.targets,
    createdAt: c.createdAt,
  };
}

export const epochJson = (e: typeof epochs.$inferSelect): Epoch => ({ ...e, id: e.id.toString() });
