import { cellToParent, gridDisk, latLngToCell } from "h3-js";
import { describe, expect, it } from "vitest";
import { newViewer } from "../../../../tools/demoViewer.js";
import { checkBudget } from "./budget.js";
import { checkCampaign } from "./campaign.js";
import { ctrOutliers, DEFAULT_CTR_LIMIT } from "./ctrOutlier.js";
import { checkDailyBudget, checkSchedule } from "./delivery.js";
import { checkEarningCap } from "./earningCap.js";
import { checkFrequency } from "./frequency.js";
import { checkRateLimit } from "./rateLimit.js";
import { checkReaction } from "./reaction.js";
import { checkSession } from "./session.js";
import { checkSignature } from "./signature.js";
import { checkSubnet, subnetOf } from "./subnet.js";
import { checkTargeting } from "./targeting.js";
import { checkToken } from "./token.js";
import { checkTravel } from "./travel.js";
import { checkVelocity } from "./velocity.js";
import { checkViewable } from "./viewable.js";

describe("checkSignature", () => {
  // A viewer's P-256 session key; signatures in P1363 form, as WebCrypto makes them.
  const key = newViewer();
  it("accepts a P1363 P-256 signature of the message", () => {
    expect(checkSignature(key.sessionKey, "hello", key.sign("hello"))).toBeNull();
  });
  it("rejects a signature of another message", () => {
    expect(checkSignature(key.sessionKey, "hello", key.sign("hellO"))).toBe("bad_signature");
  });
  it("rejects a signature by another key", () => {
    expect(checkSignature(newViewer().sessionKey, "hello", key.sign("hello"))).toBe("bad_signature");
  });
  it("rejects malformed signatures and keys without throwing", () => {
    expect(checkSignature(key.sessionKey, "hello", "0x1234")).toBe("bad_signature");
    expect(checkSignature("0x04abcd", "hello", key.sign("hello"))).toBe("bad_signature");
    const flipped = key.sign("hello").replace(/.$/, (c) => (c === "0" ? "1" : "0"));
    expect(checkSignature(key.sessionKey, "hello", flipped)).toBe("bad_signature");
  });
});

describe("checkSession", () => {
  it("passes a live session", () =>
    expect(checkSession({ expiresAt: 101, revokedAt: null }, 100)).toBeNull());
  it("rejects unknown, expired and revoked sessions", () => {
    expect(checkSession(undefined, 100)).toBe("session_unknown");
    expect(checkSession({ expiresAt: 100, revokedAt: null }, 100)).toBe("session_expired");
    expect(checkSession({ expiresAt: 200, revokedAt: 90 }, 100)).toBe("session_revoked");
  });
});

describe("checkToken", () => {
  it("passes a fresh unused token, up to exactly 10 minutes old", () => {
    expect(checkToken({ issuedAt: 1000, alreadyUsed: false }, 1600)).toBeNull();
  });
  it("rejects forged, expired and used tokens", () => {
    expect(checkToken(undefined, 1000)).toBe("token_forged");
    expect(checkToken({ issuedAt: 2000, alreadyUsed: false }, 1000)).toBe("token_forged");
    expect(checkToken({ issuedAt: 1000, alreadyUsed: false }, 1601)).toBe("token_expired");
    expect(checkToken({ issuedAt: 1000, alreadyUsed: true }, 1001)).toBe("token_used");
  });
});

describe("checkCampaign", () => {
  const c = { start: 100, end: 200, paused: false, withdrawn: false };
  it("passes inside the window", () => {
    expect(checkCampaign(c, 100)).toBeNull();
    expect(checkCampaign(c, 199)).toBeNull();
  });
  it("names each way a campaign is not running", () => {
    expect(checkCampaign(undefined, 150)).toBe("campaign_unknown");
    expect(checkCampaign(c, 99)).toBe("campaign_not_started");
    expect(checkCampaign(c, 200)).toBe("campaign_ended");
    expect(checkCampaign({ ...c, paused: true }, 150)).toBe("campaign_paused");
    expect(checkCampaign({ ...c, withdrawn: true }, 150)).toBe("campaign_ended");
  });
});

describe("checkBudget", () => {
  it("passes while one more click fits after settled and pending spend", () => {
    expect(checkBudget({ budget: 10n, settled: 3n, pending: 5n, cpc: 2n })).toBeNull();
    expect(checkBudget({ budget: 10n, settled: 3n, pending: 6n, cpc: 2n })).toBe("budget_exhausted");
  });
});

describe("checkDailyBudget and checkSchedule", () => {
  it("a daily budget holds clicks up to it, none past it; 0 is no limit", () => {
    expect(checkDailyBudget({ dailyBudget: 10n, spentToday: 8n, cpc: 2n })).toBeNull();
    expect(checkDailyBudget({ dailyBudget: 10n, spentToday: 9n, cpc: 2n })).toBe("daily_budget_spent");
    expect(checkDailyBudget({ dailyBudget: 0n, spentToday: 10n ** 30n, cpc: 2n })).toBeNull();
  });
  it("the schedule is read in UTC", () => {
    const monday9 = Date.UTC(2026, 11, 7, 9) / 1000;
    const mondayOnly9to10 = { daysMask: 0b10, hoursMask: 1 << 9 };
    expect(checkSchedule(mondayOnly9to10, monday9)).toBeNull();
    expect(checkSchedule(mondayOnly9to10, monday9 + 3600)).toBe("outside_schedule");
    expect(checkSchedule(mondayOnly9to10, monday9 + 86_400)).toBe("outside_schedule");
  });
});

describe("checkTargeting", () => {
  const cell = latLngToCell(48.8566, 2.3522, 7);
  it("matches a target at any resolution that contains the cell", () => {
    for (let res = 0; res <= 7; res++) expect(checkTargeting(cell, [cellToParent(cell, res)])).toBeNull();
  });
  it("rejects a cell outside every target", () => {
    const tokyo = latLngToCell(35.68, 139.65, 5);
    expect(checkTargeting(cell, [tokyo])).toBe("cell_not_targeted");
    const neighbour = gridDisk(cell, 1).find((c) => c !== cell) as string;
    expect(checkTargeting(cell, [neighbour])).toBe("cell_not_targeted");
  });
});

describe("checkFrequency", () => {
  it("allows one paid click per campaign per day by default", () => {
    expect(checkFrequency({ campaign: 0, day: 0 })).toBeNull();
    expect(checkFrequency({ campaign: 1, day: 1 })).toBe("frequency_campaign");
  });
  it("enforces the per-viewer daily cap", () => {
    expect(checkFrequency({ campaign: 0, day: 3 }, { perCampaign: 1, perDay: 3 })).toBe("frequency_daily");
  });
});

describe("checkRateLimit", () => {
  it("rejects above the limit only", () => {
    expect(checkRateLimit(10, 10)).toBeNull();
    expect(checkRateLimit(11, 10)).toBe("ip_rate_limited");
  });
});

describe("checkTravel", () => {
  const paris = latLngToCell(48.8566, 2.3522, 7);
  const london = latLngToCell(51.5074, -0.1278, 7); // ~344 km from Paris
  it("passes the first position, the same cell and neighbours", () => {
    expect(checkTravel(undefined, { cell: paris, at: 0 })).toBeNull();
    expect(checkTravel({ cell: paris, at: 0 }, { cell: paris, at: 0 })).toBeNull();
    const neighbour = gridDisk(paris, 1).find((c) => c !== paris) as string;
    expect(checkTravel({ cell: paris, at: 0 }, { cell: neighbour, at: 0 })).toBeNull();
  });
  it("rejects Paris to London in ten minutes, accepts it in an hour", () => {
    expect(checkTravel({ cell: paris, at: 0 }, { cell: london, at: 600 })).toBe("impossible_travel");
    expect(checkTravel({ cell: paris, at: 0 }, { cell: london, at: 3600 })).toBeNull();
  });
  it("honours a configured speed", () => {
    expect(checkTravel({ cell: paris, at: 0 }, { cell: london, at: 3600 }, 100)).toBe("impossible_travel");
  });
});

describe("checkVelocity", () => {
  it("refuses the click after the limit within the window (5 per 10 s by default)", () => {
    expect(checkVelocity(4)).toBeNull();
    expect(checkVelocity(5)).toBe("viewer_velocity");
  });
  it("honours a configured limit", () => {
    expect(checkVelocity(1, { clicks: 2, seconds: 10 })).toBeNull();
    expect(checkVelocity(2, { clicks: 2, seconds: 10 })).toBe("viewer_velocity");
  });
});

describe("checkReaction", () => {
  it("refuses a click sooner than the minimum after serving (1 s by default), to the ms", () => {
    expect(checkReaction(999)).toBe("click_too_fast");
    expect(checkReaction(1000)).toBeNull();
    expect(checkReaction(-5)).toBe("click_too_fast"); // a clock stepping back is no excuse
  });
  it("honours a configured minimum; 0 turns the rule off", () => {
    expect(checkReaction(1999, 2000)).toBe("click_too_fast");
    expect(checkReaction(0, 0)).toBeNull();
    expect(checkReaction(-60_000, 0)).toBeNull(); // a token dated ahead, within the allowed skew
  });
});

describe("checkViewable", () => {
  it("refuses a click with no viewability report, or one younger than the minimum (1 s by default), to the ms", () => {
    expect(checkViewable(undefined, 10_000)).toBe("not_viewable");
    expect(checkViewable(9_001, 10_000)).toBe("not_viewable");
    expect(checkViewable(9_000, 10_000)).toBeNull();
    expect(checkViewable(10_500, 10_000)).toBe("not_viewable"); // dated ahead of this clock
  });
  it("honours a configured minimum; 0 still requires the report", () => {
    expect(checkViewable(8_001, 10_000, 2000)).toBe("not_viewable");
    expect(checkViewable(10_000, 10_000, 0)).toBeNull();
    expect(checkViewable(undefined, 10_000, 0)).toBe("not_viewable");
  });
});

describe("checkEarningCap", () => {
  it("pays a click whose share still fits under the cap, to the wei", () => {
    expect(checkEarningCap(40n, 60n, 100n)).toBeNull();
    expect(checkEarningCap(41n, 60n, 100n)).toBe("earning_cap");
    expect(checkEarningCap(0n, 101n, 100n)).toBe("earning_cap");
  });
});

describe("subnetOf", () => {
  it("groups IPv4 by /24, IPv4-mapped IPv6 as IPv4", () => {
    expect(subnetOf("10.9.1.23")).toBe("10.9.1.0/24");
    expect(subnetOf("10.9.1.254")).toBe(subnetOf("10.9.1.1"));
    expect(subnetOf("10.9.2.1")).not.toBe(subnetOf("10.9.1.1"));
    expect(subnetOf("::ffff:10.9.1.7")).toBe("10.9.1.0/24");
  });
  it("groups IPv6 by /64, whatever the spelling", () => {
    expect(subnetOf("2001:db8:1:2::a")).toBe("2001:db8:1:2::/64");
    expect(subnetOf("2001:0DB8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(subnetOf("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(subnetOf("::1")).toBe("0:0:0:0::/64");
    expect(subnetOf("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(subnetOf("64:ff9b:1:2:3:4:10.0.0.1")).toBe("64:ff9b:1:2::/64");
    expect(subnetOf("2001:db8:1:3::a")).not.toBe(subnetOf("2001:db8:1:2::a"));
  });
  it("leaves anything else as it is", () => {
    expect(subnetOf("unknown")).toBe("unknown");
  });
});

describe("checkSubnet", () => {
  it("lets a new viewer in while the subnet has room (30 by default), a counted one always", () => {
    expect(checkSubnet(false, 29)).toBeNull();
    expect(checkSubnet(false, 30)).toBe("subnet_crowded");
    expect(checkSubnet(true, 30)).toBeNull();
    expect(checkSubnet(false, 2, { viewers: 2, seconds: 60 })).toBe("subnet_crowded");
  });
});

describe("ctrOutliers", () => {
  const peers = [
    { key: "a", shown: 400, clicked: 12 },
    { key: "b", shown: 300, clicked: 9 },
  ];
  it("flags a group clicked far more often than its peers pooled (3 % around it)", () => {
    expect(ctrOutliers([...peers, { key: "farm", shown: 6, clicked: 6 }])).toEqual(["farm"]);
    expect(ctrOutliers([...peers, { key: "farm", shown: 40, clicked: 8 }])).toEqual(["farm"]);
  });
  it("leaves a group alone below the minimum of clicks, the ratio or the sigmas", () => {
    expect(ctrOutliers([...peers, { key: "few", shown: 4, clicked: 4 }])).toEqual([]);
    // 5 of 40 is 12.5 %: four times the peers' rate, not five.
    expect(ctrOutliers([...peers, { key: "busy", shown: 40, clicked: 5 }])).toEqual([]);
    // 5 of 20 is 4.4 standard deviations over the 0.6 clicks the peers' rate predicts: not 6.
    expect(
      ctrOutliers([...peers, { key: "x", shown: 20, clicked: 5 }], { ...DEFAULT_CTR_LIMIT, sigmas: 6 }),
    ).toEqual([]);
  });
  it("two farm cells do not hide each other: each is judged against the peers left", () => {
    const twin = [
      { key: "farm1", shown: 60, clicked: 40 },
      { key: "farm2", shown: 60, clicked: 40 },
    ];
    expect(ctrOutliers([...peers, ...twin]).sort()).toEqual(["farm1", "farm2"]);
  });
  it("judges nothing without peers: a campaign's only cell has no rate to be far above", () => {
    expect(ctrOutliers([{ key: "only", shown: 10, clicked: 10 }])).toEqual([]);
  });
  it("honest groups of a campaign at a few % are never flagged", () => {
    expect(ctrOutliers([...peers, { key: "c", shown: 100, clicked: 6 }])).toEqual([]);
  });
});
