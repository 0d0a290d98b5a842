import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Address, getAddress, keccak256, toHex } from "viem";
import { describe, expect, it } from "vitest";
import { buildEpochTree, type Leaf } from "./buildEpochTree.js";

function randomLeaves(n: number): Leaf[] {
  return Array.from({ length: n }, (_, i) => ({
    account: getAddress(keccak256(toHex(`acct-${n}-${i}-${Math.random()}`)).slice(0, 42)) as Address,
    cumulative: BigInt(Math.floor(Math.random() * 2 ** 48)) * 10n ** BigInt(Math.floor(Math.random() * 20)),
  }));
}

describe("buildEpochTree", () => {
  it.each([1, 2, 3, 7, 64, 333])(
    "equals StandardMerkleTree.of for %i random leaves: root, order, proofs",
    async (n) => {
      const leaves = randomLeaves(n);
      const ours = await buildEpochTree(leaves);
      const ref = StandardMerkleTree.of(
        leaves.map((l) => [l.account, l.cumulative.toString()]),
        ["address", "uint256"],
      );
      expect(ours.root).toBe(ref.root);
      // The reference keeps input order in entries(); its tree order is by descending tree index.
      const refOrder = [...ref.dump().values]
        .sort((a, b) => b.treeIndex - a.treeIndex)
        .map((v) => v.value[0]);
      expect(ours.leaves.map((l) => l.account)).toEqual(refOrder);
      for (const [i, v] of ref.entries()) {
        expect(ours.proof(v[0] as string)).toEqual(ref.getProof(i));
      }
    },
  );
  it("equals StandardMerkleTree.of at the uint256 edges and with a repeated leaf", async () => {
    const [a, b] = randomLeaves(2) as [Leaf, Leaf];
    const leaves: Leaf[] = [
      { account: a.account, cumulative: 0n },
      { account: b.account, cumulative: 2n ** 256n - 1n },
      { account: b.account, cumulative: 2n ** 256n - 1n },
    ];
    const ref = StandardMerkleTree.of(
      leaves.map((l) => [l.account, l.cumulative.toString()]),
      ["address", "uint256"],
    );
    expect((await buildEpochTree(leaves)).root).toBe(ref.root);
  });
  it("rejects an amount outside uint256 and a malformed address", async () => {
    const [a] = randomLeaves(1) as [Leaf];
    await expect(buildEpochTree([{ account: a.account, cumulative: 2n ** 256n }])).rejects.toThrow(
      RangeError,
    );
    await expect(buildEpochTree([{ account: a.account, cumulative: -1n }])).rejects.toThrow(RangeError);
    await expect(
      buildEpochTree([{ account: `${a.account.slice(0, 40)}zz` as Address, cumulative: 1n }]),
    ).rejects.toThrow(/not an address/);
  });
  it("finds proofs by lower-case address and none for a stranger", async () => {
    const leaves = randomLeaves(5);
    const tree = await buildEpochTree(leaves);
    expect(tree.proof((leaves[0] as Leaf).account.toLowerCase())).toBeDefined();
    expect(tree.proof("0x0000000000000000000000000000000000000001")).toBeUndefined();
  });
  it("refuses an empty epoch", async () => {
    await expect(buildEpochTree([])).rejects.toThrow(/at least one leaf/);
  });
});
