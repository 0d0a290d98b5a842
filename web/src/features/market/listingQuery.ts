import { parseHxa } from "../../lib/format";

export const SORTS = [
  ["newest", "Newest"],
  ["price_asc", "Price: low to high"],
  ["price_desc", "Price: high to low"],
  ["expiring", "Expiring soon"],
] as const;
export type Sort = (typeof SORTS)[number][0];

export const EXPIRIES = [
  ["any", "Any time"],
  ["1d", "Within a day"],
  ["7d", "Within a week"],
  ["later", "In more than a week"],
] as const;
export type Expiry = (typeof EXPIRIES)[number][0];

/** The filter form as typed. */
export interface FilterForm {
  place: string;
  radiusKm: string;
  minPrice: string;
  maxPrice: string;
  expires: Expiry;
}
export const emptyForm: FilterForm = {
  place: "",
  radiusKm: "25",
  minPrice: "",
  maxPrice: "",
  expires: "any",
};

/** A centre the place search found. */
export interface Centre {
  lat: number;
  lng: number;
  label: string;
}

/** Filters ready to send: the form with its place resolved and its prices parsed. */
export interface Filters {
  near?: Centre;
  radiusKm: number;
  minPrice?: bigint;
  maxPrice?: bigint;
  expires: Expiry;
}

/** The form's prices parsed, or the sentence saying which one is wrong. */
export function parsePrices(
  form: Pick<FilterForm, "minPrice" | "maxPrice">,
): { minPrice?: bigint; maxPrice?: bigint } | { problem: string } {
  const parse = (text: string, name: string): { value?: bigint } | { problem: string } => {
    if (text.trim() === "") return {};
    const value = parseHxa(text);
    return value === undefined ? { problem: `${name} is an amount of HXA, like 12.5` } : { value };
  };
  const min = parse(form.minPrice, "Min price");
  if ("problem" in min) return min;
  const max = parse(form.maxPrice, "Max price");
  if ("problem" in max) return max;
  if (min.value !== undefined && max.value !== undefined && min.value > max.value)
    return { problem: "Min price is above max price" };
  return { minPrice: min.value, maxPrice: max.value };
}

const DAY = 86_400;

/** The area part of a query: around the centre, or everywhere. */
export const areaQuery = (f: Pick<Filters, "near" | "radiusKm">) =>
  f.near ? { near: `${f.near.lat},${f.near.lng}`, radiusKm: f.radiusKm } : {};

/** GET /listings' query for these filters, this sort and page, at unix time `now`. */
export function listingQuery(f: Filters, sort: Sort, offset: number, limit: number, now: number) {
  return {
    ...areaQuery(f),
    minPrice: f.minPrice?.toString(),
    maxPrice: f.maxPrice?.toString(),
    expiresBefore: f.expires === "1d" ? now + DAY : f.expires === "7d" ? now + 7 * DAY : undefined,
    expiresAfter: f.expires === "later" ? now + 7 * DAY : undefined,
    sort,
    limit,
    offset,
  };
}
