import { describe, expect, it } from "vitest";
import { ALWAYS, describeSchedule, inSchedule, utcDayStart } from "./delivery.js";

// 2026-12-07 is a Monday.
const monday = (h: number, m = 0) => Date.UTC(2026, 11, 7, h, m) / 1000;

describe("delivery", () => {
  it("inSchedule reads the UTC weekday and hour bits", () => {
    const weekdays9to17 = { daysMask: 0b0111110, hoursMask: 0xff << 9 };
    expect(inSchedule(weekdays9to17, monday(9))).toBe(true);
    expect(inSchedule(weekdays9to17, monday(16, 59))).toBe(true);
    expect(inSchedule(weekdays9to17, monday(17))).toBe(false);
    expect(inSchedule(weekdays9to17, monday(8, 59))).toBe(false);
    expect(inSchedule(weekdays9to17, monday(10) - 86_400)).toBe(false); // Sunday
    expect(inSchedule(ALWAYS, monday(3) - 86_400)).toBe(true);
  });

  it("utcDayStart is midnight UTC", () => {
    expect(utcDayStart(monday(23, 59))).toBe(monday(0));
    expect(utcDayStart(monday(0))).toBe(monday(0));
  });

  it("describeSchedule names runs of days and hours", () => {
    expect(describeSchedule(ALWAYS)).toBe("every day, all hours UTC");
    expect(describeSchedule({ daysMask: 0b0111110, hoursMask: 0xff << 9 })).toBe("Mon–Fri, 09:00–17:00 UTC");
    expect(describeSchedule({ daysMask: 0b1000001, hoursMask: 1 | (1 << 23) })).toBe(
      "Sun, Sat, 00:00–01:00, 23:00–24:00 UTC",
    );
  });
});
