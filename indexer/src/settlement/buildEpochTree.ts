import { createKeccak, type IHasher } from "hash-wasm";
import type { Address, Hex } from "viem";

export interface Leaf {
  account: Address;
  cumulative: bigint;
}

export interface EpochTree {
  root: Hex;
  /** Leaves in tree order (sorted by leaf hash), as StandardMerkleTree stores them. */
  leaves: Leaf[];
  /** Proof of the leaf of `account` (lower-case or checksummed), or undefined if absent. */
  proof(account: string): Hex[] | undefined;
}

const MAX_UINT256 = 2n ** 256n - 1n;
let hasher: Promise<IHasher> | undefined;
type Hash = (bytes: Uint8Array) => Uint8Array;

/** keccak256(keccak256(abi.encode(address, uint256))) of every leaf, leaf i at [32i, 32i + 32). */
function leafHashes(input: readonly Leaf[], hash: Hash): Buffer {
  const hashes = Buffer.allocUnsafe(input.length * 32);
  const encoded = Buffer.alloc(64);
  for (let i = 0; i < input.length; i++) {
    const { account, cumulative } = input[i] as Leaf;
    if (cumulative < 0n || cumulative > MAX_UINT256) throw new RangeError(`${account}: not a uint256`);
    encoded.fill(0, 0, 12);
    if (account.length !== 42 || encoded.write(account.slice(2), 12, 20, "hex") !== 20) {
      throw new TypeError(`not an address: ${account}`);
    }
    encoded.write(cumulative.toString(16).padStart(64, "0"), 32, 32, "hex");
    hashes.set(hash(hash(encoded)), i * 32);
  }
  return hashes;
}

/** Leaf positions in tree order: by hash, ascending. The first 6 bytes decide almost every comparison as one number. */
function byHash(hashes: Buffer): number[] {
  const n = hashes.length / 32;
  const prefix = new Float64Array(n);
  for (let i = 0; i < n; i++) prefix[i] = hashes.readUIntBE(i * 32, 6);
  return Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      (prefix[a] as number) - (prefix[b] as number) ||
      hashes.compare(hashes, b * 32, b * 32 + 32, a * 32, a * 32 + 32),
  );
}

/**
 * Builds the exact tree `StandardMerkleTree.of(leaves, ["address", "uint256"])` of
 * `@openzeppelin/merkle-tree` builds (leaf = keccak256(keccak256(abi.encode(address, uint256))),
 * leaves sorted by hash, complete binary tree in an array with the leaves at the end in reverse
 * order, sorted-pair node hashes), so roots and proofs are identical. It hashes with WebAssembly
 * keccak (hash-wasm, ~10× the pure-JS one) and keeps every node in one buffer instead of an
 * object or hex string per node: a million leaves take seconds and well under a gigabyte.
 */
export async function buildEpochTree(input: readonly Leaf[]): Promise<EpochTree> {
  const n = input.length;
  if (n === 0) throw new Error("an epoch tree needs at least one leaf");
  hasher ??= createKeccak(256);
  const keccak = await hasher;
  const hash: Hash = (bytes) => {
    keccak.init();
    keccak.update(bytes);
    return keccak.digest("binary");
  };

  const hashes = leafHashes(input, hash);
  const order = byHash(hashes);
  // Node i at [32i, 32i + 32); its children are 2i + 1 and 2i + 2; leaf k of `order` is node size - 1 - k.
  const size = 2 * n - 1;
  const tree = Buffer.allocUnsafe(size * 32);
  for (let k = 0; k < n; k++) {
    const leaf = order[k] as number;
    hashes.copy(tree, (size - 1 - k) * 32, leaf * 32, leaf * 32 + 32);
  }
  const pair = Buffer.allocUnsafe(64);
  for (let i = size - 1 - n; i >= 0; i--) {
    const left = (2 * i + 1) * 32;
    const right = left + 32;
    // Commutative node hash: the smaller child first.
    const [lo, hi] =
      tree.compare(tree, right, right + 32, left, left + 32) <= 0 ? [left, right] : [right, left];
    tree.copy(pair, 0, lo, lo + 32);
    tree.copy(pair, 32, hi, hi + 32);
    tree.set(hash(pair), i * 32);
  }
  return treeOf(
    tree,
    order.map((leaf) => input[leaf] as Leaf),
  );
}

/** The finished tree: its root, leaves and proofs, holding only the node buffer and the leaves. */
function treeOf(tree: Buffer, leaves: Leaf[]): EpochTree {
  const size = tree.length / 32;
  const node = (i: number): Hex => `0x${tree.toString("hex", i * 32, i * 32 + 32)}`;
  // Account → node, made on the first proof: the settler needs only the root, and at a million
  // accounts this map alone takes seconds.
  let indexOf: Map<string, number> | undefined;
  const nodeOf = (account: string) => {
    if (!indexOf) {
      indexOf = new Map();
      for (let k = 0; k < leaves.length; k++) {
        indexOf.set((leaves[k] as Leaf).account.toLowerCase(), size - 1 - k);
      }
    }
    return indexOf.get(account.toLowerCase());
  };
  return {
    root: node(0),
    leaves,
    proof(account) {
      let i = nodeOf(account);
      if (i === undefined) return undefined;
      const proof: Hex[] = [];
      while (i > 0) {
        proof.push(node(i % 2 === 0 ? i - 1 : i + 1));
        i = Math.floor((i - 1) / 2);
      }
      return proof;
    },
  };
}
