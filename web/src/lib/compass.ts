// Compass directions between cells, as people read a map.
import { cellToLatLng } from "h3-js";

const COMPASS = [
  { arrow: "↑", name: "North" },
  { arrow: "↗", name: "North-east" },
  { arrow: "→", name: "East" },
  { arrow: "↘", name: "South-east" },
  { arrow: "↓", name: "South" },
  { arrow: "↙", name: "South-west" },
  { arrow: "←", name: "West" },
  { arrow: "↖", name: "North-west" },
];

/** Degrees clockwise from north, from one cell's centre to another's (flat-earth: they touch). */
export function bearing(from: string, to: string): number {
  const [lat1, lng1] = cellToLatLng(from);
  const [lat2, lng2] = cellToLatLng(to);
  const dLng = ((((lng2 - lng1 + 180) % 360) + 360) % 360) - 180; // across the antimeridian too
  const east = dLng * Math.cos((((lat1 + lat2) / 2) * Math.PI) / 180);
  return ((Math.atan2(east, lat2 - lat1) * 180) / Math.PI + 360) % 360;
}

/** The eight-point compass direction of a bearing (six hexagon neighbours, 60° apart, get six). */
export const compass = (degrees: number) => COMPASS[Math.round(degrees / 45) % 8] as (typeof COMPASS)[number];
