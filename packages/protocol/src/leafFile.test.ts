import { keccak256, toBytes } from "viem";
import { describe, expect, it } from "vitest";
import { leafFile, leavesHash, parseLeafFile } from "./leafFile.js";

const A = "0xAAaAaAaaAaAaAaaAaAAAAAAAAaaaAaAaAaaAaaAa";
const B = "0x0000000000000000000000000000000000000b0b";

describe("leaf file", () => {
  it("is one lower-case, sorted line per account after a header, each ending in a newline", () => {
    const file = leafFile([
      { account: A, cumulative: 5n },
      { account: B, cumulative: "12" },
    ]);
    expect(file).toBe(`account,cumulative\n${B},12\n${A.toLowerCase()},5\n`);
    expect(leavesHash(file)).toBe(keccak256(toBytes(file)));
    expect(parseLeafFile(file)).toEqual([
      { account: B, cumulative: 12n },
      { account: A.toLowerCase(), cumulative: 5n },
    ]);
  });

  it("refuses a file without its header, its last newline, or with a malformed line", () => {
    expect(() => parseLeafFile(`${B},12\n`)).toThrow("not a leaf file");
    expect(() => parseLeafFile(`account,cumulative\n${B},12`)).toThrow("not a leaf file");
    expect(() => parseLeafFile(`account,cumulative\n${B},-1\n`)).toThrow("line 2");
    expect(() => parseLeafFile(`account,cumulative\n${A},1\n`)).toThrow("line 2");
  });
});
