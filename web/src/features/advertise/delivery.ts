// The wizard's delivery fields (daily budget, weekdays, hours, all UTC) as AdMarket.setDelivery's
// arguments; see @hexads/protocol delivery.ts for the masks.
import { ALL_DAYS, ALL_HOURS, type Delivery } from "@hexads/protocol";

export interface DeliveryForm {
  /** Daily budget in HXA; empty: no daily limit. */
  dailyText: string;
  /** Sunday first, as `Date.getUTCDay` counts. */
  days: boolean[];
  /** First UTC hour it runs (0-23). */
  from: number;
  /** Hour it stops (1-24); below `from`, the hours wrap past midnight. */
  until: number;
}

export const EVERY_DAY_ALL_HOURS: DeliveryForm = {
  dailyText: "",
  days: [true, true, true, true, true, true, true],
  from: 0,
  until: 24,
};

/** The masks of the form's days and hours (0 when it names none). */
export function masks(f: DeliveryForm): Pick<Delivery, "daysMask" | "hoursMask"> {
  const daysMask = f.days.reduce((m, on, d) => (on ? m | (1 << d) : m), 0);
  let hoursMask = 0;
  const span = f.until > f.from ? f.until - f.from : f.until + 24 - f.from;
  for (let i = 0; i < span && f.until !== f.from; i++) hoursMask |= 1 << ((f.from + i) % 24);
  return { daysMask, hoursMask };
}

/** Whether a delivery limits anything: only then does the wizard send `setDelivery`. */
export const limits = (d: Delivery) =>
  d.dailyBudget !== 0n || d.daysMask !== ALL_DAYS || d.hoursMask !== ALL_HOURS;
