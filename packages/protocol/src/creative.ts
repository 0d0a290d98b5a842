// Campaign creatives (what AdMarket stores as a campaign's creativeUri): JSON {title, body, imageUrl, landingUrl} behind a URI (a data: URI on the dev chain).

export interface Creative {
  title: string;
  body: string;
  imageUrl: string;
  landingUrl: string;
}

/** Decodes a data: URI creative; anything else (or malformed JSON) gives undefined. */
export function parseCreative(uri: string): Creative | undefined {
  const m = uri.match(/^data:application\/json(;base64)?,(.*)$/s);
  if (!m) return undefined;
  try {
    const text = m[1]
      ? new TextDecoder().decode(Uint8Array.from(atob(m[2] as string), (c) => c.charCodeAt(0)))
      : decodeURIComponent(m[2] as string);
    const j = JSON.parse(text) as Partial<Creative>;
    if (typeof j.title !== "string" || typeof j.landingUrl !== "string") return undefined;
    if (!/^https?:\/\//.test(j.landingUrl)) return undefined;
    return { title: j.title, body: j.body ?? "", imageUrl: j.imageUrl ?? "", landingUrl: j.landingUrl };
  } catch {
    return undefined;
  }
}

export function encodeCreative(c: Creative): string {
  const bytes = new TextEncoder().encode(JSON.stringify(c));
  return `data:application/json;base64,${btoa(String.fromCharCode(...bytes))}`;
}
