import type { ViewableProof } from "@hexads/protocol";
import { describe, expect, it } from "vitest";
import { ViewabilityTracker } from "./viewability";

/** A tracker whose reports answer at once, each at the fake clock's time plus 1 s. */
function tracker() {
  const clock = { now: 0 };
  const reports: string[] = [];
  const t = new ViewabilityTracker(
    async (token) => {
      reports.push(token);
      return { token: `${token}+viewed${reports.length}`, clickableAt: clock.now + 1000 } as ViewableProof;
    },
    () => clock.now,
  );
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { t, clock, reports, settle };
}

describe("ViewabilityTracker", () => {
  it("reports an ad once per showing, however often it is seen on screen", async () => {
    const { t, reports, settle } = tracker();
    t.shown("a");
    t.shown("a");
    await settle();
    expect(reports).toEqual(["a"]);
    expect(await t.clicked("a")).toEqual({ token: "a+viewed1", clickableAt: 1000 });
    expect(reports).toEqual(["a"]);
  });

  it("drops a proof when the ad leaves the screen within its second, so the next showing reports anew", async () => {
    const { t, clock, reports, settle } = tracker();
    t.shown("a");
    await settle();
    clock.now = 999;
    t.hidden("a");
    clock.now = 5000;
    expect(await t.clicked("a")).toEqual({ token: "a+viewed2", clickableAt: 6000 });
    expect(reports).toEqual(["a", "a"]);
  });

  it("keeps a proof once the ad has been on screen for its second, and one a click waits for", async () => {
    const { t, clock, reports, settle } = tracker();
    t.shown("a");
    await settle();
    clock.now = 1000;
    t.hidden("a");
    expect((await t.clicked("a")).token).toBe("a+viewed1");
    const waiting = t.clicked("b");
    t.hidden("b");
    t.forget("b");
    expect((await waiting).token).toBe("b+viewed2");
    expect(await t.clicked("b")).toEqual(await waiting);
    expect(reports).toEqual(["a", "b"]);
  });

  it("reports again after a refused report", async () => {
    let refuse = true;
    const t = new ViewabilityTracker(async (token) => {
      if (refuse) throw new Error("session_expired");
      return { token, clickableAt: 0 };
    });
    await expect(t.clicked("a")).rejects.toThrow("session_expired");
    refuse = false;
    await new Promise((r) => setTimeout(r, 0));
    expect(await t.clicked("a")).toEqual({ token: "a", clickableAt: 0 });
  });
});
