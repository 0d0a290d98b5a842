// Epoch tree build time: the settler's builder on 100k accounts, and on a smaller set next to
// @openzeppelin/merkle-tree's StandardMerkleTree.of (the reference format), measured in the same run.
// Run: npm run bench -- epoch
import { performance } from "node:perf_hooks";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { type Address, bytesToHex } from "viem";
import { num, report, table } from "../../tools/bench/section.js";
import { buildEpochTree, type Leaf } from "../src/settlement/buildEpochTree.js";

function leaves(n: number): Leaf[] {
  const out: Leaf[] = [];
  for (let i = 0; i < n; i++) {
    const a = new Uint8Array(20);
    for (let j = 0; j < 20; j++) a[j] = Math.floor(Math.random() * 256);
    out.push({
      account: bytesToHex(a) as Address,
      cumulative: BigInt(Math.floor(Math.random() * 1e12)) * 10n ** 6n,
    });
  }
  return out;
}
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, (performance.now() - t) / 1000];
};

const SMALL = 10_000;
const small = leaves(SMALL);
const [ours, oursSmall] = time(() => buildEpochTree(small));
const [ref, refSmall] = time(() =>
  StandardMerkleTree.of(
    small.map((l) => [l.account, l.cumulative.toString()]),
    ["address", "uint256"],
  ),
);
if (ours.root !== ref.root) throw new Error("roots differ: the builder is broken");

const BIG = 100_000;
const big = leaves(BIG);
const [tree, bigSeconds] = time(() => buildEpochTree(big));
const [, proofSeconds] = time(() => {
  for (const l of big.slice(0, 1000)) tree.proof(l.account);
});

report(`## Settlement tree (\`indexer/bench/epoch.ts\`)

Random accounts and amounts. \`buildEpochTree\` (the settler's builder) against \`StandardMerkleTree.of\`
of \`@openzeppelin/merkle-tree\` (the reference format) on the same ${num(SMALL)} leaves; the roots are
checked equal before the bigger build is timed.

${table(
  ["builder", "leaves", "seconds"],
  [
    ["StandardMerkleTree.of (reference)", num(SMALL), refSmall.toFixed(2)],
    ["buildEpochTree", num(SMALL), oursSmall.toFixed(2)],
    ["buildEpochTree", num(BIG), bigSeconds.toFixed(2)],
  ],
)}

1,000 proofs from the ${num(BIG)} tree take ${(proofSeconds * 1000).toFixed(0)} ms.
`);
