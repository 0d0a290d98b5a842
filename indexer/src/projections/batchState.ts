import { ALWAYS } from "@hexads/protocol";
import { cellToLatLng, getResolution } from "h3-js";
import type { campaigns, campaignTargets, epochs, events, offers, plots } from "../db/schema.js";
import { SETTING_EVENTS } from "./settings.js";

/** A stored event row as the projections read it. */
export type EventRow = typeof events.$inferSelect;
type Args = EventRow["args"];
export type PlotRow = typeof plots.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;
export type CampaignTargetRow = typeof campaignTargets.$inferSelect;
export type EpochRow = typeof epochs.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;

const s = (args: Args, k: string) => String(args[k]);
const n = (args: Args, k: string) => Number(args[k]);
const big = (args: Args, k: string) => BigInt(s(args, k));
export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
const hex = (cell: bigint) => cell.toString(16);

type Handler = (state: BatchState, e: EventRow) => void;

/** Thrown where a per-event INSERT would have hit a primary key: the event log contradicts the state. */
const duplicate = (what: string, id: bigint) => {
  throw new Error(`${what} ${id} created twice: the projection is out of step with the event log`);
};

const plotHandlers: Record<string, Handler> = {
  Transfer: (st, e) => {
    const cell = big(e.args, "tokenId");
    const to = s(e.args, "to");
    if (s(e.args, "from") === ZERO_ADDRESS) {
      if (st.plots.has(cell)) duplicate("plot", cell);
      const [lat, lng] = cellToLatLng(hex(cell));
      st.plots.set(cell, {
        cell,
        owner: to,
        lat,
        lng,
        boughtPrice: "0",
        boughtAt: e.blockTimestamp,
        listingSeller: null,
        listingPrice: null,
        listingExpiry: null,
        lastSalePrice: null,
      });
      return;
    }
    const plot = st.plots.get(cell);
    if (plot) plot.owner = to;
  },
  PlotBought: (st, e) => {
    const plot = st.plots.get(big(e.args, "cell"));
    if (plot) plot.boughtPrice = s(e.args, "price");
  },
  PlotListed: (st, e) => {
    const plot = st.plots.get(big(e.args, "cell"));
    if (!plot) return;
    plot.listingSeller = s(e.args, "seller");
    plot.listingPrice = s(e.args, "price");
    plot.listingExpiry = n(e.args, "expiry");
  },
  ListingCancelled: (st, e) => {
    const plot = st.plots.get(big(e.args, "cell"));
    if (!plot) return;
    plot.listingSeller = null;
    plot.listingPrice = null;
    plot.listingExpiry = null;
  },
  PlotSold: (st, e) => {
    const plot = st.plots.get(big(e.args, "cell"));
    if (!plot) return;
    plot.listingSeller = null;
    plot.listingPrice = null;
    plot.listingExpiry = null;
    plot.lastSalePrice = s(e.args, "price");
    // The buyer's purchase: what the plot's page and its owner's portfolio show as "bought".
    plot.boughtPrice = s(e.args, "price");
    plot.boughtAt = e.blockTimestamp;
  },
};

/** The batch's key of one buyer's offer on one plot. */
export const offerKey = (cell: bigint, buyer: string) => `${cell}:${buyer}`;

/** Ends the offer `e` names (when known) with `status`. */
const endOffer =
  (status: OfferRow["status"]): Handler =>
  (st, e) => {
    const offer = st.offers.get(offerKey(big(e.args, "cell"), s(e.args, "buyer")));
    if (!offer) return;
    offer.status = status;
    offer.updatedAt = e.blockTimestamp;
  };
// Offers are keyed by cell like plots (a rollback rebuilds every offer of a touched cell) but kept
// apart: plot rows never depend on them (an accepted offer's sale arrives as PlotSold and Transfer).
const offerHandlers: Record<string, Handler> = {
  // A new offer or a replacement of the buyer's earlier one (live or ended): the latest wins.
  OfferMade: (st, e) => {
    const cell = big(e.args, "cell");
    const buyer = s(e.args, "buyer");
    const earlier = st.offers.get(offerKey(cell, buyer));
    st.offers.set(offerKey(cell, buyer), {
      cell,
      buyer,
      seller: s(e.args, "seller"),
      amount: s(e.args, "amount"),
      expiry: n(e.args, "expiry"),
      status: "open",
      madeAt: earlier?.status === "open" ? earlier.madeAt : e.blockTimestamp,
      updatedAt: e.blockTimestamp,
    });
  },
  OfferCancelled: endOffer("cancelled"),
  OfferWithdrawn: endOffer("withdrawn"),
  OfferAccepted: endOffer("accepted"),
};

/** Runs `change` on the campaign of `e` when that campaign is known (an UPDATE of no row does nothing). */
const onCampaign =
  (change: (c: CampaignRow, e: EventRow) => void): Handler =>
  (st, e) => {
    const c = st.campaigns.get(big(e.args, "campaignId"));
    if (c) change(c, e);
  };
const campaignHandlers: Record<string, Handler> = {
  CampaignCreated: (st, e) => {
    const id = big(e.args, "campaignId");
    if (st.campaigns.has(id)) duplicate("campaign", id);
    const targets = e.args.targets as string[];
    st.campaigns.set(id, {
      id,
      advertiser: s(e.args, "advertiser"),
      budget: s(e.args, "budget"),
      spent: "0",
      cpc: s(e.args, "cpc"),
      start: n(e.args, "start"),
      end: n(e.args, "end"),
      paused: false,
      withdrawn: false,
      creativeUri: s(e.args, "creativeURI"),
      creativeUpdatedAt: null,
      targets: targets.map((t) => hex(BigInt(t))),
      createdAt: e.blockTimestamp,
      dailyBudget: ALWAYS.dailyBudget.toString(),
      daysMask: ALWAYS.daysMask,
      hoursMask: ALWAYS.hoursMask,
    });
    // A campaign may list a cell twice; the contract allows it, the lookup table needs it once.
    for (const t of new Set(targets)) {
      st.newTargets.push({ campaignId: id, cell: BigInt(t), res: getResolution(hex(BigInt(t))) });
    }
  },
  CampaignPaused: onCampaign((c) => {
    c.paused = true;
  }),
  CampaignResumed: onCampaign((c) => {
    c.paused = false;
  }),
  CampaignToppedUp: onCampaign((c, e) => {
    c.budget = s(e.args, "budget");
  }),
  CampaignExtended: onCampaign((c, e) => {
    c.end = n(e.args, "end");
  }),
  CampaignEndedEarly: onCampaign((c, e) => {
    c.end = n(e.args, "end");
  }),
  CampaignDeliveryUpdated: onCampaign((c, e) => {
    c.dailyBudget = s(e.args, "dailyBudget");
    c.daysMask = n(e.args, "daysMask");
    c.hoursMask = n(e.args, "hoursMask");
  }),
  CreativeUpdated: onCampaign((c, e) => {
    c.creativeUri = s(e.args, "creativeURI");
    c.creativeUpdatedAt = e.blockTimestamp;
  }),
  CampaignWithdrawn: onCampaign((c) => {
    c.withdrawn = true;
    c.budget = c.spent;
  }),
  CampaignSpendSettled: onCampaign((c, e) => {
    c.spent = s(e.args, "spent");
  }),
  // A veto's undo takes the spend back to what the last good epoch settled.
  CampaignSpendUndone: onCampaign((c, e) => {
    c.spent = s(e.args, "spent");
  }),
};

const onEpoch =
  (status: EpochRow["status"]): Handler =>
  (st, e) => {
    const epoch = st.epochs.get(big(e.args, "epochId"));
    if (epoch) epoch.status = status;
  };
const epochHandlers: Record<string, Handler> = {
  EpochPosted: (st, e) => {
    const id = big(e.args, "epochId");
    if (st.epochs.has(id)) duplicate("epoch", id);
    st.epochs.set(id, {
      id,
      root: s(e.args, "root"),
      total: s(e.args, "total"),
      cutoff: n(e.args, "cutoff"),
      activatesAt: n(e.args, "activatesAt"),
      status: "pending",
      postedAt: e.blockTimestamp,
      txHash: e.txHash,
    });
  },
  EpochActivated: onEpoch("active"),
  EpochVetoed: onEpoch("vetoed"),
};

const settingHandler: Handler = (st, e) => {
  st.settings.set(
    `${e.contract}.${e.name}`,
    Object.fromEntries(Object.entries(e.args).map(([k, v]) => [k, String(v)])),
  );
};

export const PLOT_EVENTS = new Set(Object.keys(plotHandlers));
export const OFFER_EVENTS = new Set(Object.keys(offerHandlers));
export const CAMPAIGN_EVENTS = new Set(Object.keys(campaignHandlers));
export const EPOCH_EVENTS = new Set(Object.keys(epochHandlers));
const handlers: Record<string, Handler> = {
  ...plotHandlers,
  ...offerHandlers,
  ...campaignHandlers,
  ...epochHandlers,
  Claimed: (st, e) => {
    st.claims.set(s(e.args, "account"), s(e.args, "cumulative"));
  },
  ...Object.fromEntries(SETTING_EVENTS.map((name) => [name, settingHandler])),
};

/**
 * The projected rows one batch of events touches, folded in memory. It starts from the stored
 * rows of the keys the batch names (absent = no row yet) and applies the events in log order with
 * exactly the meaning each used to have as its own statement: a creation where the row exists
 * fails, a change to a missing row does nothing, later events see earlier ones' effects.
 */
export class BatchState {
  readonly plots = new Map<bigint, PlotRow>();
  /** Offers by `offerKey`: every stored offer of the batch's cells, then the batch's changes. */
  readonly offers = new Map<string, OfferRow>();
  readonly campaigns = new Map<bigint, CampaignRow>();
  readonly newTargets: CampaignTargetRow[] = [];
  readonly epochs = new Map<bigint, EpochRow>();
  /** Claimed and settings events overwrite whole values: no stored state is needed. */
  readonly claims = new Map<string, string>();
  readonly settings = new Map<string, Record<string, string>>();

  apply(e: EventRow): void {
    handlers[e.name]?.(this, e);
  }
}
