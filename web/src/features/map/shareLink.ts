// Reading a shared link (?at=lat,lng,zoom&cell=…) without trusting it: anything malformed is
// dropped with a sentence saying what was wrong, and the rest of the link still applies.
import { getResolution, isValidCell } from "h3-js";

export interface LinkView {
  lat: number;
  lng: number;
  zoom: number;
}

/** Plots are H3 cells of this resolution, written as 15 lowercase hex digits. */
export const PLOT_RES = 7;

/** Why `cell` is not a plot id, or undefined when it is one. */
export function plotIdProblem(cell: string): string | undefined {
  if (!/^[0-9a-f]{15}$/i.test(cell) || !isValidCell(cell.toLowerCase()))
    return `"${cell.slice(0, 20)}" is not a plot id (plot ids are 15 hexadecimal digits, like 871fb4662ffffff).`;
  const res = getResolution(cell.toLowerCase());
  if (res !== PLOT_RES)
    return `${cell} is a map cell of resolution ${res}; plots are cells of resolution ${PLOT_RES}.`;
  return undefined;
}

export function parseShareLink(search: string): { view?: LinkView; cell?: string; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  let view: LinkView | undefined;
  const at = q.get("at");
  if (at !== null) {
    const parts = at.split(",");
    const [lat, lng, zoom] = parts.map((p) => (p.trim() === "" ? Number.NaN : Number(p)));
    if (
      parts.length === 3 &&
      lat !== undefined &&
      lng !== undefined &&
      zoom !== undefined &&
      Math.abs(lat) <= 85 &&
      Math.abs(lng) <= 180 &&
      zoom >= 0 &&
      zoom <= 20
    )
      view = { lat, lng, zoom };
    else
      problems.push(
        `The link's place "${at.slice(0, 40)}" is not latitude (-85 to 85), longitude (-180 to 180), zoom (0 to 20).`,
      );
  }
  const raw = q.get("cell");
  let cell: string | undefined;
  if (raw !== null) {
    const problem = plotIdProblem(raw);
    if (problem) problems.push(`The link's plot cannot be shown: ${problem}`);
    else cell = raw.toLowerCase();
  }
  return { view, cell, problems };
}
