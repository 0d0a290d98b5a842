// Frames per second of the map page while it is panned, in headless Chromium against the demo stack
// (the e2e tests' anvil + seed + indexer + production build) over a street basemap (vector tiles
// from tools/basemapFixture.ts, served on this machine). Three runs on one page: idle, panned
// with the H3 overlay hidden (the reference: the same MapLibre map and basemap alone), and panned
// with the overlay.
import { join } from "node:path";
import { launchBrowser } from "../../test/e2e/support/chromium";
import { startStack } from "../../test/e2e/support/stack";
import { startBasemapFixture } from "../basemapFixture";
import { repoRoot } from "../localChain";

export interface FpsRun {
  label: string;
  /** Overlay cells the page computed for the first view (its GeoJSON source), when shown. */
  cells?: number;
  fps: number;
  worstMs: number;
}

/** Paris, just above the map page's PLOT_ZOOM (10): the most single plots it draws at once. */
export const PAN_VIEW = { lat: 48.8566, lng: 2.3522, zoom: 10.05 };
const OVERLAY_LAYERS = ["cells-fill", "cells-pattern", "cells-line"];
const PAN_STEPS = 8;
const STEP_MS = 700;
const IDLE_MS = 4000;

/** What runs in the page: the app's live map (window.hexadsMap) and a requestAnimationFrame counter. */
interface PageMap {
  panBy(offset: [number, number], options: { duration: number }): void;
  once(event: "moveend" | "idle", listener: () => void): void;
  setLayoutProperty(layer: string, name: "visibility", value: "visible" | "none"): void;
  queryRenderedFeatures(options: { layers: string[] }): unknown[];
  getSource(id: "cells"): { serialize(): { data: { features: unknown[] } } };
  loaded(): boolean;
  triggerRepaint(): void;
}

export async function measurePanFps(): Promise<FpsRun[]> {
  const streets = await startBasemapFixture();
  const stack = await startStack({ mapStyleUrl: streets.styleUrl, mapFallbackSeconds: 600 });
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    // tsx compiles with keepNames: functions handed to page.evaluate call its __name helper.
    await page.addInitScript("globalThis.__name = (f) => f;");
    await page.goto(`${stack.webUrl}/?at=${PAN_VIEW.lat},${PAN_VIEW.lng},${PAN_VIEW.zoom}`);
    await page.waitForFunction(() => {
      if (document.querySelector("[data-testid=map]")?.getAttribute("data-basemap") !== "street")
        return false;
      const m = (window as unknown as { hexadsMap?: PageMap }).hexadsMap;
      return !!m?.loaded() && m.queryRenderedFeatures({ layers: ["cells-fill"] }).length > 0;
    });
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(1500);
    // What was measured, to look at: .tmp/bench/map-pan.png.
    await page.screenshot({ path: join(repoRoot, ".tmp/bench/map-pan.png") });

    const run = (pan: boolean, overlay: boolean) =>
      page.evaluate(
        async ({ pan, overlay, layers, steps, stepMs, idleMs }) => {
          const m = (window as unknown as { hexadsMap: PageMap }).hexadsMap;
          for (const l of layers) m.setLayoutProperty(l, "visibility", overlay ? "visible" : "none");
          const settled = new Promise<void>((r) => m.once("idle", r));
          m.triggerRepaint();
          await settled;
          const cells = m.getSource("cells").serialize().data.features.length;
          const frames: number[] = [];
          let counting = true;
          const tick = (t: number) => {
            frames.push(t);
            if (counting) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          if (pan) {
            // A square walk, so the view ends where it started, inside the overlay's margin throughout.
            const dirs: [number, number][] = [
              [300, 0],
              [0, 300],
              [-300, 0],
              [0, -300],
            ];
            for (let i = 0; i < steps; i++) {
              const moved = new Promise<void>((r) => m.once("moveend", r));
              m.panBy(dirs[i % dirs.length] as [number, number], { duration: stepMs });
              await moved;
            }
            await new Promise<void>((r) => m.once("idle", r));
          } else {
            await new Promise((r) => setTimeout(r, idleMs));
          }
          counting = false;
          const seconds = ((frames.at(-1) ?? 0) - (frames[0] ?? 0)) / 1000;
          let worst = 0;
          for (let i = 1; i < frames.length; i++)
            worst = Math.max(worst, (frames[i] as number) - (frames[i - 1] as number));
          return { cells, fps: (frames.length - 1) / seconds, worstMs: worst };
        },
        { pan, overlay, layers: OVERLAY_LAYERS, steps: PAN_STEPS, stepMs: STEP_MS, idleMs: IDLE_MS },
      );

    const idle = await run(false, true);
    const hidden = await run(true, false);
    const shown = await run(true, true);
    return [
      { label: "idle, overlay shown (ceiling)", cells: idle.cells, fps: idle.fps, worstMs: idle.worstMs },
      { label: "panning, overlay hidden (reference)", fps: hidden.fps, worstMs: hidden.worstMs },
      { label: "panning, overlay shown", cells: shown.cells, fps: shown.fps, worstMs: shown.worstMs },
    ];
  } finally {
    await browser.close();
    await stack.stop();
    await streets.stop();
  }
}
