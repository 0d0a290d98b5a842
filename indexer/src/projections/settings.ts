// The contracts' settings as the index stores them: one `settings` row per setting event, keyed
// "<contract>.<event>", holding the latest event's arguments as strings. Readers go through
// `readSetting`, typed by this table, not through key strings of their own.
import type { SplitBps } from "@hexads/protocol";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "../db/client.js";
import { settings } from "../db/schema.js";

/** Each setting event (as `<contract>.<event>`) and the arguments it stores. */
export interface Settings {
  "Plots.PrimaryPriceUpdated": { price: string };
  "Plots.MarketFeeUpdated": { feeBps: string };
  "Plots.TreasuryUpdated": { treasury: string };
  "AdMarket.SplitUpdated": { viewerBps: string; ownerBps: string; protocolBps: string };
  "AdMarket.MinCpcUpdated": { minCpc: string };
  "AdMarket.ChallengePeriodUpdated": { period: string };
  "AdMarket.TreasuryUpdated": { treasury: string };
}
export type SettingKey = keyof Settings;

/** The setting events, whichever contract emits them: the latest one of each kind is in force. */
export const SETTING_EVENTS = [
  ...new Set(
    (
      [
        "Plots.PrimaryPriceUpdated",
        "Plots.MarketFeeUpdated",
        "Plots.TreasuryUpdated",
        "AdMarket.SplitUpdated",
        "AdMarket.MinCpcUpdated",
        "AdMarket.ChallengePeriodUpdated",
        "AdMarket.TreasuryUpdated",
      ] satisfies SettingKey[]
    ).map((k) => k.split(".")[1] as string),
  ),
];

/** The stored setting, or undefined before its event is indexed (the constructors emit each). */
export async function readSetting<K extends SettingKey>(
  db: Db | Tx,
  key: K,
): Promise<Settings[K] | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row?.value as Settings[K] | undefined;
}

/** The split in force from its stored setting. */
export function splitFromSetting(value: Settings["AdMarket.SplitUpdated"] | null | undefined): SplitBps {
  if (!value) throw new Error("no AdMarket.SplitUpdated indexed yet");
  return {
    viewerBps: Number(value.viewerBps),
    ownerBps: Number(value.ownerBps),
    protocolBps: Number(value.protocolBps),
  };
}

/** The key the split is stored under, for the click path's one-statement read. */
export const SPLIT_SETTING: SettingKey = "AdMarket.SplitUpdated";
