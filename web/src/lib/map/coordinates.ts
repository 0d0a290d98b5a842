// Coordinates as people type them: "48.85, 2.35", "-33.9 151.2", "48.8584° N, 2.2945° E",
// "48°51'30\"N 2°17'40\"E", "N 48 51 30 E 2 17 40". Text with other letters is a place name.

export type ParsedCoordinates = { ok: true; lat: number; lng: number } | { ok: false; message: string };

interface Half {
  value: number;
  axis?: "lat" | "lng";
}

/** One half: degrees, optionally minutes and seconds, an optional sign or hemisphere letter. */
function parseHalf(text: string): Half | undefined {
  const letters = text.match(/[NSEW]/g) ?? [];
  const numbers = text.match(/\d+(?:\.\d+)?/g)?.map(Number) ?? [];
  if (letters.length > 1 || numbers.length < 1 || numbers.length > 3) return undefined;
  const [d, m = 0, s = 0] = numbers as [number, number?, number?];
  // Minutes and seconds count 0-59 and follow whole degrees (and whole minutes).
  if (m >= 60 || s >= 60 || (numbers.length > 1 && !Number.isInteger(d))) return undefined;
  if (numbers.length > 2 && !Number.isInteger(m)) return undefined;
  const letter = letters[0];
  const negative = /^\s*-/.test(text) || letter === "S" || letter === "W";
  if (letter && /-/.test(text)) return undefined;
  const value = (d + m / 60 + s / 3600) * (negative ? -1 : 1);
  if (!letter) return { value };
  return { value, axis: letter === "N" || letter === "S" ? "lat" : "lng" };
}

/** Splits the text in two: at a comma or semicolon, at the hemisphere letters, or halfway through the numbers. */
function halves(t: string): [string, string] | undefined {
  const bySeparator = t.split(/[,;]/);
  if (bySeparator.length > 2) return undefined;
  if (bySeparator.length === 2) return bySeparator as [string, string];
  const m = t.match(/^(\s*[NSEW][^NSEW]*)([NSEW].*)$/) ?? t.match(/^([^NSEW]*[NSEW])(.+)$/);
  if (m) return [m[1] as string, m[2] as string];
  const tokens = t.trim().split(/\s+/);
  if (tokens.length % 2 !== 0 || tokens.length > 6) return undefined;
  const half = tokens.length / 2;
  return [tokens.slice(0, half).join(" "), tokens.slice(half).join(" ")];
}

/**
 * The coordinates in the text, or why they are not on Earth; undefined when the text is not
 * coordinates (a place name). Without hemisphere letters the first number is the latitude.
 */
export function parseCoordinates(text: string): ParsedCoordinates | undefined {
  const t = text
    .trim()
    .toUpperCase()
    .replace(/[°'"′″’”]/g, " ");
  if (!/\d/.test(t) || !/^[-+\d.,;\sNSEW]*$/.test(t)) return undefined;
  const parts = halves(t);
  const a = parts && parseHalf(parts[0]);
  const b = parts && parseHalf(parts[1]);
  if (!a || !b || (a.axis && a.axis === b.axis)) return undefined;
  const [lat, lng] = a.axis === "lng" || b.axis === "lat" ? [b.value, a.value] : [a.value, b.value];
  const round = (n: number) => Math.round(n * 1e6) / 1e6;
  const problems = [
    Math.abs(lat) > 90 ? `latitude ${round(lat)} is outside -90 to 90` : "",
    Math.abs(lng) > 180 ? `longitude ${round(lng)} is outside -180 to 180` : "",
  ].filter(Boolean);
  if (problems.length > 0) return { ok: false, message: `Not a place on Earth: ${problems.join(" and ")}.` };
  return { ok: true, lat: round(lat), lng: round(lng) };
}
