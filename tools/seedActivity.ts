// Demo activity through the running indexer, as browsers would make it: in each demo city a few
// viewers open a session, are served the city's ad in an owned plot, have it on screen for a
// second (a signed viewability report) and click it. The credits
// appear at once as pending; the indexer's settler settles them in its next epoch.

import { type Deployment, proveViewable } from "@hexads/protocol";
import { cellToParent, gridDisk, latLngToCell } from "h3-js";
import { clickRequest, newViewer, sessionRequest, type Viewer } from "./demoViewer.js";
import { CITIES } from "./seed.js";

const VIEWERS_PER_CITY = 3;

async function call<T>(url: string, init?: { method: string; body: unknown }): Promise<T> {
  const res = await fetch(url, {
    method: init?.method ?? "GET",
    headers: { "content-type": "application/json" },
    body: init ? JSON.stringify(init.body) : undefined,
  });
  const body = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url}: ${res.status} ${body.error?.message ?? ""}`);
  return body;
}

/** Makes paid clicks in every demo city; returns how many were paid. */
export async function seedActivity(
  indexerUrl: string,
  d: Deployment,
  log: (msg: string) => void = console.log,
) {
  const shown: { viewer: Viewer; token: string; clickableAt: number }[] = [];
  for (const city of CITIES) {
    const centre = latLngToCell(city.lat, city.lng, 7);
    // A seeded (owned) plot inside the campaign's area, so the plot's owner earns its share too.
    const cell = gridDisk(centre, 1).find(
      (c) => c !== centre && cellToParent(c, 5) === cellToParent(centre, 5),
    );
    if (!cell) continue;
    for (let i = 0; i < VIEWERS_PER_CITY; i++) {
      const viewer = newViewer();
      const expiresAt = Math.floor(Date.now() / 1000) + 86_400;
      const session = await call<{ id: string }>(`${indexerUrl}/sessions`, {
        method: "POST",
        body: await sessionRequest(viewer, d, expiresAt),
      });
      const { ads } = await call<{ ads: { token: string }[] }>(
        `${indexerUrl}/ads?cell=${cell}&session=${session.id}`,
      );
      const served = ads[0]?.token;
      if (!served) continue;
      const proof = await proveViewable({
        token: served,
        sign: viewer.sign,
        post: (body) => call(`${indexerUrl}/impressions/viewable`, { method: "POST", body }),
      });
      shown.push({ viewer, ...proof });
    }
  }
  // People look at an ad for a moment before they click it; sooner is refused (click_too_fast,
  // not_viewable). The report came after the ad was served, so its wait covers both.
  const ready = Math.max(...shown.map((s) => s.clickableAt));
  await new Promise((r) => setTimeout(r, ready - Date.now()));
  for (const { viewer, token } of shown)
    await call(`${indexerUrl}/clicks`, { method: "POST", body: clickRequest(viewer, token) });
  const paid = shown.length;
  log(`seed: ${paid} demo clicks credited in ${CITIES.length} cities; the next epoch settles them`);
  return paid;
}
