import { asc } from "drizzle-orm";
import type { Db } from "../../src/db/client.js";
import {
  campaigns,
  campaignTargets,
  claimTotals,
  epochs,
  events,
  offers,
  plots,
  settings,
} from "../../src/db/schema.js";

/** Every derived table and the event log, in a stable order: two indexes of one chain must be equal. */
export async function dumpState(db: Db) {
  return {
    events: await db.select().from(events).orderBy(asc(events.blockNumber), asc(events.logIndex)),
    plots: await db.select().from(plots).orderBy(asc(plots.cell)),
    offers: await db.select().from(offers).orderBy(asc(offers.cell), asc(offers.buyer)),
    campaigns: await db.select().from(campaigns).orderBy(asc(campaigns.id)),
    campaignTargets: await db
      .select()
      .from(campaignTargets)
      .orderBy(asc(campaignTargets.campaignId), asc(campaignTargets.cell)),
    epochs: await db.select().from(epochs).orderBy(asc(epochs.id)),
    claimTotals: await db.select().from(claimTotals).orderBy(asc(claimTotals.account)),
    settings: await db.select().from(settings).orderBy(asc(settings.key)),
  };
}
