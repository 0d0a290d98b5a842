import { type Address, bytesToHex, type Hex, hexToBytes, keccak256 } from "viem";

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

const hash = (bytes: Uint8Array) => keccak256(bytes, "bytes");

/** keccak256(keccak256(abi.encode(address, uint256))): the StandardMerkleTree leaf hash. */
function leafHash(leaf: Leaf): Uint8Array {
  const buf = new Uint8Array(64);
  buf.set(hexToBytes(leaf.account), 12);
  let v = leaf.cumulative;
  for (let i = 63; i >= 32 && v > 0n; i--) {
    buf[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return hash(hash(buf));
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

const pair = new Uint8Array(64);
/** Commutative node hash: keccak256 of the two children in ascending order. */
function hashPair(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (compare(a, b) <= 0) {
    pair.set(a, 0);
    pair.set(b, 32);
  } else {
    pair.set(b, 0);
    pair.set(a, 32);
  }
  return hash(pair);
}

/**
 * Builds the exact tree `StandardMerkleTree.of(leaves, ["address", "uint256"])` of
 * `@openzeppelin/merkle-tree` builds (leaves sorted by hash, complete binary tree in an array with
 * leaves at the end in reverse order, sorted-pair node hashes), so roots and proofs are identical,
 * but with bytes instead of hex strings: about a second for 100k leaves instead of minutes.
 */
export function buildEpochTree(input: readonly Leaf[]): EpochTree {
  if (input.length === 0) throw new Error("an epoch tree needs at least one leaf");
  const hashed = input.map((leaf) => ({ leaf, hash: leafHash(leaf) }));
  hashed.sort((x, y) => compare(x.hash, y.hash));
  const n = hashed.length;
  const tree: Uint8Array[] = new Array(2 * n - 1);
  for (let i = 0; i < n; i++) tree[tree.length - 1 - i] = (hashed[i] as (typeof hashed)[number]).hash;
  for (let i = tree.length - 1 - n; i >= 0; i--) {
    tree[i] = hashPair(tree[2 * i + 1] as Uint8Array, tree[2 * i + 2] as Uint8Array);
  }
  const indexOf = new Map<string, number>();
  hashed.forEach((h, i) => {
    indexOf.set(h.leaf.account.toLowerCase(), tree.length - 1 - i);
  });
  return {
    root: bytesToHex(tree[0] as Uint8Array),
    leaves: hashed.map((h) => h.leaf),
    proof(account) {
      let i = indexOf.get(account.toLowerCase());
      if (i === undefined) return undefined;
      const proof: Hex[] = [];
      while (i > 0) {
        const sibling = i % 2 === 0 ? i - 1 : i + 1;
        proof.push(bytesToHex(tree[sibling] as Uint8Array));
        i = Math.floor((i - 1) / 2);
      }
      return proof;
    },
  };
}
