import { describe, expect, it } from "vitest";
import { checkRecipient } from "./recipient";

const BOB = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

describe("checkRecipient", () => {
  it("accepts a lower-case address and returns it checksummed", () => {
    expect(checkRecipient(` ${BOB.toLowerCase()} `)).toEqual({ value: BOB });
  });
  it("refuses an empty field", () => {
    expect(checkRecipient("  ").problem).toMatch(/Enter the 0x address/);
  });
  it("refuses text that is not an address", () => {
    expect(checkRecipient("0x1234").problem).toMatch(/not an address/);
  });
  it("refuses a mixed-case address whose checksum is wrong", () => {
    expect(checkRecipient(BOB.replace("C51812", "c51812")).problem).toMatch(/checksum/);
  });
  it("refuses the zero address", () => {
    expect(checkRecipient(`0x${"0".repeat(40)}`).problem).toMatch(/zero address/);
  });
  it("refuses the sender's own address, whatever its case", () => {
    expect(checkRecipient(BOB, BOB.toLowerCase()).problem).toMatch(/your own address/);
  });
});
