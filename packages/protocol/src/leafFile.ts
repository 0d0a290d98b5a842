import { type Hex, keccak256, toBytes } from "viem";

/** One line of an epoch's leaf file. */
export interface LeafLine {
  account: string;
  cumulative: string | bigint;
}

/**
 * An epoch's full leaf file, the text whose keccak256 the epoch posts as `leavesHash`: a header line
 * `account,cumulative`, then one line per account (lower-case address, decimal wei), sorted by
 * account, each ending in "\n". Anyone can rebuild the Merkle root from it and check the hash.
 */
export function leafFile(leaves: readonly LeafLine[]): string {
  const lines = leaves
    .map((l) => `${l.account.toLowerCase()},${BigInt(l.cumulative).toString()}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `account,cumulative\n${lines.map((l) => `${l}\n`).join("")}`;
}

/** keccak256 of a leaf file's UTF-8 bytes: what postEpoch records as `leavesHash`. */
export const leavesHash = (file: string): Hex => keccak256(toBytes(file));

/** Parses a leaf file back into leaves; throws on any malformed line. */
export function parseLeafFile(file: string): { account: Hex; cumulative: bigint }[] {
  const [header, ...rest] = file.split("\n");
  if (header !== "account,cumulative" || rest.pop() !== "") throw new Error("not a leaf file");
  return rest.map((line, i) => {
    const m = /^(0x[0-9a-f]{40}),(\d+)$/.exec(line);
    if (!m) throw new Error(`leaf file line ${i + 2} is malformed`);
    return { account: m[1] as Hex, cumulative: BigInt(m[2] as string) };
  });
}
