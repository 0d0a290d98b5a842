import { afterEach, describe, expect, it, vi } from "vitest";
import { watchStreetStyle } from "./basemap";

/** A stand-in for the MapLibre map: events the test fires by name. */
function fakeMap() {
  const handlers = new Map<string, Set<() => void>>();
  const on = (type: string, f: () => void) => {
    handlers.set(type, (handlers.get(type) ?? new Set()).add(f));
  };
  const off = (type: string, f: () => void) => handlers.get(type)?.delete(f);
  const map = {
    on,
    off,
    once: (type: string, f: () => void) => {
      const once = () => {
        off(type, once);
        f();
      };
      on(type, once);
    },
  };
  const fire = (type: string) => {
    for (const f of [...(handlers.get(type) ?? [])]) f();
  };
  return { map: map as unknown as Parameters<typeof watchStreetStyle>[0], fire };
}

describe("street basemap watch", () => {
  afterEach(() => vi.useRealTimers());

  const watch = (timeoutMs = 8000) => {
    const { map, fire } = fakeMap();
    const shown = vi.fn();
    const fallback = vi.fn();
    watchStreetStyle(map, timeoutMs, shown, fallback);
    return { fire, shown, fallback };
  };

  it("shows the street style once the map settles, and a later error changes nothing", () => {
    const w = watch();
    w.fire("idle");
    w.fire("error");
    expect(w.shown).toHaveBeenCalledTimes(1);
    expect(w.fallback).not.toHaveBeenCalled();
  });

  it("falls back once on a failed style, tile or glyph request before the map settles", () => {
    const w = watch();
    w.fire("error");
    w.fire("error");
    w.fire("idle");
    expect(w.fallback).toHaveBeenCalledTimes(1);
    expect(w.shown).not.toHaveBeenCalled();
  });

  it("falls back when the map has not settled in time", () => {
    vi.useFakeTimers();
    const w = watch(8000);
    vi.advanceTimersByTime(7999);
    expect(w.fallback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(w.fallback).toHaveBeenCalledTimes(1);
    w.fire("idle");
    expect(w.shown).not.toHaveBeenCalled();
  });
});
